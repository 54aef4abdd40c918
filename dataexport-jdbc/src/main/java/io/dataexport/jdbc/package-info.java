/**
 * The general SQL destination ({@link io.dataexport.jdbc.JdbcDestination}): DES-compatible tables,
 * version-guarded writes, tombstones, schema evolution and sweeping, for every database a dialect
 * in {@link io.dataexport.jdbc.dialect} describes. Sub-packages: {@code schema} (table layout and
 * evolution), {@code write} (applying batches), {@code type} (column types), {@code dialect} (the
 * SPI and one package per database).
 */
package io.dataexport.jdbc;
