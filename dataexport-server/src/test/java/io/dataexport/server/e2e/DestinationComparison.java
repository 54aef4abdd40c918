package io.dataexport.server.e2e;

import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.metadata.AttributeDefinition;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.store.EntityReference;
import io.dataexport.emulator.store.EntityTable;
import io.dataexport.emulator.store.StoredRecord;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Compares a destination's entity tables with the emulator's records attribute by attribute, in a
 * normal form that does not depend on the engine's column types (numbers as plain decimals, times
 * as ISO-8601 UTC, GUIDs lower-case).
 */
final class DestinationComparison {
  private DestinationComparison() {}

  /** The emulator's live records of an entity: id to normal-form columns. */
  static Map<String, Map<String, String>> expected(
      DataverseEmulator emulator, EntityDefinition entity) {
    Map<String, Map<String, String>> rows = new TreeMap<>();
    EntityTable table = emulator.store().table(entity.logicalName());
    for (long position = 0; position >= 0; ) {
      EntityTable.Page page = table.scan(position, 5000);
      for (StoredRecord record : page.records()) {
        rows.put(record.id().toString(), columns(entity, record));
      }
      position = page.next();
    }
    return rows;
  }

  private static Map<String, String> columns(EntityDefinition entity, StoredRecord record) {
    Map<String, String> columns = new TreeMap<>();
    for (int i = 0; i < entity.attributes().size(); i++) {
      AttributeDefinition attribute = entity.attributes().get(i);
      if (i == entity.primaryIdIndex()) {
        continue;
      }
      Object value =
          attribute.logicalName().equals("versionnumber") ? record.version() : record.values()[i];
      String name = attribute.logicalName().toLowerCase(Locale.ROOT);
      if (attribute.kind().isReference()) {
        EntityReference reference = (EntityReference) value;
        columns.put(name, reference == null ? null : reference.id().toString());
        columns.put(name + "_entitytype", reference == null ? null : reference.logicalName());
      } else {
        columns.put(name, normal(value));
      }
    }
    return columns;
  }

  /** Reads one column of the current row; engines differ in what their drivers return. */
  @FunctionalInterface
  interface ColumnReader {
    Object read(ResultSet row, int column) throws SQLException;
  }

  /** The destination table's rows: id to normal-form columns (the sink's own columns left out). */
  static Map<String, Map<String, String>> actual(
      Connection connection, String table, EntityDefinition entity) throws SQLException {
    return actual(connection, table, entity, ResultSet::getObject);
  }

  /**
   * As {@link #actual(Connection, String, EntityDefinition)}, reading values with {@code reader}.
   */
  static Map<String, Map<String, String>> actual(
      Connection connection, String table, EntityDefinition entity, ColumnReader reader)
      throws SQLException {
    Map<String, String> wanted = new HashMap<>();
    entity
        .attributes()
        .forEach(a -> wanted.put(a.logicalName().toLowerCase(Locale.ROOT), a.logicalName()));
    Map<String, Map<String, String>> rows = new TreeMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT * FROM " + table)) {
      ResultSetMetaData meta = result.getMetaData();
      while (result.next()) {
        Map<String, String> columns = new TreeMap<>();
        String id = null;
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          String column = meta.getColumnLabel(c).toLowerCase(Locale.ROOT);
          Object value = reader.read(result, c);
          if (column.equals("id")) {
            id = normal(value);
          } else if (!column.startsWith("sink")) {
            columns.put(column, normal(value));
          }
        }
        rows.put(id, columns);
      }
    }
    return rows;
  }

  /** Column names present in the expected rows but missing from the actual ones, for messages. */
  static List<String> differences(
      Map<String, Map<String, String>> expected,
      Map<String, Map<String, String>> actual,
      int limit) {
    List<String> differences = new ArrayList<>();
    for (var entry : expected.entrySet()) {
      Map<String, String> row = actual.get(entry.getKey());
      if (row == null) {
        differences.add("missing " + entry.getKey());
      } else if (!row.equals(entry.getValue())) {
        for (var column : entry.getValue().entrySet()) {
          String got = row.get(column.getKey());
          if (!java.util.Objects.equals(got, column.getValue())) {
            differences.add(
                entry.getKey()
                    + "."
                    + column.getKey()
                    + ": expected "
                    + column.getValue()
                    + " but was "
                    + got);
          }
        }
      }
      if (differences.size() >= limit) {
        return differences;
      }
    }
    for (String id : actual.keySet()) {
      if (!expected.containsKey(id)) {
        differences.add("unexpected (resurrected or never deleted) " + id);
      }
      if (differences.size() >= limit) {
        break;
      }
    }
    return differences;
  }

  static String normal(Object value) {
    return switch (value) {
      case null -> null;
      case Boolean b -> b ? "1" : "0";
      case BigDecimal d -> plain(d);
      case Double d -> plain(BigDecimal.valueOf(d));
      case Float f -> plain(new BigDecimal(f.toString()));
      case Number n -> plain(new BigDecimal(n.toString()));
      case Instant t -> t.toString();
      case LocalDate d -> d.toString();
      case java.sql.Timestamp t -> t.toInstant().toString();
      case java.sql.Date d -> d.toLocalDate().toString();
      case OffsetDateTime t -> t.toInstant().toString();
      case java.time.LocalDateTime t -> t.toInstant(java.time.ZoneOffset.UTC).toString();
      case UUID u -> u.toString();
      case List<?> options -> String.join(",", options.stream().map(String::valueOf).toList());
      case String s -> textual(s);
      default -> value.toString();
    };
  }

  /** Text that holds a number, GUID or time compares in the same normal form as the typed value. */
  private static String textual(String s) {
    if (s.matches("-?\\d+(\\.\\d+)?")) {
      return plain(new BigDecimal(s));
    }
    if (s.matches("\\d{4}-\\d\\d-\\d\\dT.*")) {
      try {
        return OffsetDateTime.parse(s).toInstant().toString();
      } catch (RuntimeException e) {
        return s;
      }
    }
    if (s.matches("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")) {
      return s.toLowerCase(Locale.ROOT);
    }
    return s;
  }

  private static String plain(BigDecimal d) {
    BigDecimal stripped = d.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
  }
}
