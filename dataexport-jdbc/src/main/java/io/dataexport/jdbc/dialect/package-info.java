/**
 * The dialect SPI: {@link io.dataexport.jdbc.dialect.SqlDialect} holds what differs between
 * databases (quoting, schema, column types, DDL, the upsert clause, error codes) and one
 * sub-package per database implements it, made known by its one {@code DestinationProvider} (a
 * {@link io.dataexport.jdbc.JdbcDestinationProvider}) found through {@link
 * java.util.ServiceLoader}.
 */
package io.dataexport.jdbc.dialect;
