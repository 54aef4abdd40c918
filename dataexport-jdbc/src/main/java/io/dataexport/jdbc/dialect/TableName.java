package io.dataexport.jdbc.dialect;

import java.util.Objects;

/**
 * A table's name in the destination.
 *
 * @param schema the schema it lives in, or null when tables are not qualified (SQLite)
 * @param name the table name, unquoted
 */
public record TableName(String schema, String name) {
  public TableName {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return schema == null ? name : schema + "." + name;
  }
}
