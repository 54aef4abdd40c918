/**
 * The SQLite dialect: one file, no schemas, one pooled connection in WAL mode, everything without a
 * native SQLite type (GUIDs, exact decimals, date-times) stored as text.
 */
package io.dataexport.jdbc.dialect.sqlite;
