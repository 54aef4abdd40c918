package io.dataexport.jdbc.type;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * An exact decimal with 38 digits in all and the source's precision as its scale, e.g. {@code
 * numeric(38, 4)} for money with four decimals: 34 digits before the point cover Dataverse's money
 * (15) and decimal (12) ranges. Without a known precision the scale is {@value #DEFAULT_SCALE}, the
 * most Dataverse allows. Bound with {@code setBigDecimal}, so no digit passes through a float.
 */
public final class DecimalType implements ColumnType {
  /** Total digits; the widest exact decimal SQL Server and PostgreSQL's typed numeric share. */
  public static final int PRECISION = 38;

  /** The scale when the source gives none: Dataverse decimals have at most 10 decimals. */
  public static final int DEFAULT_SCALE = 10;

  private final String typeName;

  /**
   * @param typeName the database's name of the type, e.g. {@code numeric} or {@code decimal}
   */
  public DecimalType(String typeName) {
    this.typeName = typeName;
  }

  @Override
  public String sqlType(ColumnDefinition column) {
    int scale = column.scale() == null ? DEFAULT_SCALE : Math.min(column.scale(), PRECISION);
    return typeName + "(" + PRECISION + ", " + scale + ")";
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.DECIMAL);
    } else {
      statement.setBigDecimal(index, (BigDecimal) value);
    }
  }
}
