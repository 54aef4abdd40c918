package io.dataexport.jdbc.type;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;
import java.util.Optional;

/**
 * Text sized by the source's maximum length up to a cap, unbounded beyond it or without a length:
 * e.g. {@code varchar(160)} for a 160-character string and {@code text} for a memo. Bound with
 * {@code setString}.
 */
public final class CappedTextType implements ColumnType {
  private final String boundedFormat;
  private final int cap;
  private final String unbounded;

  /**
   * @param boundedFormat the sized type with {@code %d} for the length, e.g. {@code varchar(%d)}
   * @param cap the longest length declared as sized
   * @param unbounded the type of longer or unsized text, e.g. {@code text}
   */
  public CappedTextType(String boundedFormat, int cap, String unbounded) {
    this.boundedFormat = boundedFormat;
    this.cap = cap;
    this.unbounded = unbounded;
  }

  @Override
  public String sqlType(ColumnDefinition column) {
    Integer length = column.length();
    return length == null || length > cap
        ? unbounded
        : String.format(Locale.ROOT, boundedFormat, Math.max(length, 1));
  }

  /**
   * The type a text column must be altered to so that it holds the wanted length.
   *
   * @param existingLength the column's current length; {@link Integer#MAX_VALUE} when unbounded
   * @return empty when the column already holds it
   */
  public Optional<String> widerType(ColumnDefinition wanted, int existingLength) {
    Integer length = wanted.length();
    int needed = length == null || length > cap ? Integer.MAX_VALUE : length;
    return needed > existingLength ? Optional.of(sqlType(wanted)) : Optional.empty();
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, (String) value);
    }
  }
}
