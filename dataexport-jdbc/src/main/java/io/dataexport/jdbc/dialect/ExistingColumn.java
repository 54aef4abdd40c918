package io.dataexport.jdbc.dialect;

/**
 * A column as the database reports it, for schema evolution.
 *
 * @param name the column name
 * @param typeName the database's type name, e.g. {@code TEXT}, {@code varchar}
 * @param size the declared length or precision, or 0 when the database reports none
 */
public record ExistingColumn(String name, String typeName, int size) {}
