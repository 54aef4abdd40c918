/**
 * The dialect SPI: {@link io.dataexport.jdbc.dialect.SqlDialect} holds what differs between
 * databases (quoting, schema, column types, DDL, the upsert clause, error codes) and one
 * sub-package per database implements it, made known by a {@link
 * io.dataexport.jdbc.dialect.SqlDialectProvider} found through {@link java.util.ServiceLoader}.
 */
package io.dataexport.jdbc.dialect;
