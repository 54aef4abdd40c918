package io.dataexport.jdbc.type;

import java.util.Objects;

/**
 * One column of a destination table as the general writer wants it.
 *
 * @param name the column name, unquoted
 * @param kind what it holds
 * @param length for {@link ColumnKind#TEXT}, the longest value expected (the source's maximum
 *     length), or null for unbounded text
 * @param scale for {@link ColumnKind#DECIMAL}, the digits after the decimal point, or null
 * @param nullable whether the column accepts NULL
 */
public record ColumnDefinition(
    String name, ColumnKind kind, Integer length, Integer scale, boolean nullable) {

  public ColumnDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }

  /** A nullable column without length or scale. */
  public static ColumnDefinition of(String name, ColumnKind kind) {
    return new ColumnDefinition(name, kind, null, null, true);
  }

  /** A nullable text column of the given maximum length (null: unbounded). */
  public static ColumnDefinition text(String name, Integer length) {
    return new ColumnDefinition(name, ColumnKind.TEXT, length, null, true);
  }

  /** The same column, NOT NULL. */
  public ColumnDefinition required() {
    return new ColumnDefinition(name, kind, length, scale, false);
  }

  /** The same column with another maximum length (null: unbounded). */
  public ColumnDefinition withLength(Integer newLength) {
    return new ColumnDefinition(name, kind, newLength, scale, nullable);
  }

  /** The same column, nullable (what {@code ALTER TABLE ... ADD} may add to a filled table). */
  public ColumnDefinition optional() {
    return new ColumnDefinition(name, kind, length, scale, true);
  }
}
