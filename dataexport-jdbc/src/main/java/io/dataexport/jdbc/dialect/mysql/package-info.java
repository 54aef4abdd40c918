/**
 * The MySQL and MariaDB dialect ({@code destination.type = mysql}), spoken through the MariaDB
 * driver for both: a schema is a database, utf8mb4 tables, GUIDs as ASCII {@code char(36)}, the
 * version-guarded upsert as {@code INSERT … ON DUPLICATE KEY UPDATE} with a guard on every column.
 */
package io.dataexport.jdbc.dialect.mysql;
