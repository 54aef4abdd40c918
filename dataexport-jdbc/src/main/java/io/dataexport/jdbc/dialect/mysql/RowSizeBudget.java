package io.dataexport.jdbc.dialect.mysql;

import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps a new table within MySQL's 65,535-byte row limit, which counts every {@code varchar} at its
 * longest (4 bytes per utf8mb4 character) but a {@code longtext} as a 12-byte pointer: when an
 * entity's strings add up to more, the longest become {@code longtext} until the row fits. Entities
 * with many long strings (customised Dataverse accounts) would otherwise fail to be created.
 */
final class RowSizeBudget {
  /** MySQL's limit less room for the NULL bitmap and length bytes. */
  static final int BYTES = 64_000;

  private RowSizeBudget() {}

  /** The columns to create: as given, or with the longest strings unbounded. */
  static List<ColumnDefinition> fit(List<ColumnDefinition> columns) {
    List<ColumnDefinition> fitted = new ArrayList<>(columns);
    int total = fitted.stream().mapToInt(RowSizeBudget::bytes).sum();
    List<ColumnDefinition> longestFirst =
        fitted.stream()
            .filter(RowSizeBudget::isVarchar)
            .sorted(Comparator.comparingInt(ColumnDefinition::length).reversed())
            .toList();
    for (ColumnDefinition column : longestFirst) {
      if (total <= BYTES) {
        break;
      }
      ColumnDefinition unbounded = column.withLength(null);
      total += bytes(unbounded) - bytes(column);
      fitted.set(fitted.indexOf(column), unbounded);
    }
    return fitted;
  }

  private static boolean isVarchar(ColumnDefinition column) {
    return column.kind() == ColumnKind.TEXT
        && column.length() != null
        && column.length() <= MysqlDialect.VARCHAR_CAP;
  }

  /** The bytes a column counts towards the row limit, at most. */
  static int bytes(ColumnDefinition column) {
    return switch (column.kind()) {
      case TEXT -> isVarchar(column) ? 4 * Math.max(column.length(), 1) + 2 : 12;
      case GUID -> 36;
      case INTEGER -> 4;
      case BIGINT, DOUBLE, DATETIME, TIMESTAMP, IDENTITY -> 8;
      case DECIMAL -> 17;
      case BOOLEAN -> 1;
      case DATE -> 3;
    };
  }
}
