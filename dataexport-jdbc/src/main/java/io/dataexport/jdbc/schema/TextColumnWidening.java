package io.dataexport.jdbc.schema;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.jdbc.dialect.ExistingColumn;
import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.dialect.TableName;
import io.dataexport.jdbc.schema.EntityColumn.Source;
import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Widens sized text columns before a batch is written when one of its strings is longer than the
 * column: the source's maximum length grew since the table was prepared, or it sent more than it
 * declared. The string is then written instead of failing its record. Lengths are counted in UTF-16
 * units ({@link String#length()}), never fewer than the characters every database counts.
 *
 * <p>A batch whose strings all fit the lengths the table was prepared with costs no query; the
 * table's columns are read only when a string is longer than any length seen for its column.
 * Thread-safe.
 */
public final class TextColumnWidening {
  private static final Logger log = LoggerFactory.getLogger(TextColumnWidening.class);

  private final SqlDialect dialect;
  private final Map<TableName, Map<String, Integer>> widened = new ConcurrentHashMap<>();

  public TextColumnWidening(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Makes every sized text column of {@code table} hold the longest string of {@code batch}; each
   * {@code ALTER} commits on its own, before the batch's transaction.
   *
   * @throws SQLException as the driver throws it
   */
  public void fit(Connection connection, EntityTable table, List<SyncNotification> batch)
      throws SQLException {
    Map<String, Integer> known = widened.getOrDefault(table.name(), Map.of());
    Map<EntityColumn, Integer> tooLong = new HashMap<>();
    for (EntityColumn column : table.columns()) {
      Integer declared = column.definition().length();
      if (column.source() != Source.ATTRIBUTE
          || column.definition().kind() != ColumnKind.TEXT
          || declared == null) {
        continue;
      }
      int fits = Math.max(declared, known.getOrDefault(column.name(), 0));
      int longest = longest(batch, column.attribute().logicalName());
      if (longest > fits) {
        tooLong.put(column, longest);
      }
    }
    if (!tooLong.isEmpty()) {
      widen(connection, table.name(), tooLong);
    }
  }

  /** Forgets what was seen of a table: preparation has just brought it to its definition. */
  public void forget(TableName table) {
    widened.remove(table);
  }

  private void widen(Connection connection, TableName table, Map<EntityColumn, Integer> tooLong)
      throws SQLException {
    Map<String, ExistingColumn> existing = dialect.existingColumns(connection, table);
    Map<String, Integer> known = widened.computeIfAbsent(table, t -> new ConcurrentHashMap<>());
    for (Map.Entry<EntityColumn, Integer> entry : tooLong.entrySet()) {
      ColumnDefinition wanted = entry.getKey().definition().withLength(entry.getValue());
      ExistingColumn current = existing.get(wanted.name());
      if (current == null) {
        continue; // the write reports the missing table or column
      }
      Optional<String> alter = dialect.widenColumn(table, wanted, current);
      if (alter.isPresent()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute(alter.get());
        }
        log.info(
            "Widened column {} of {} to {} characters for a longer value",
            wanted.name(),
            table,
            wanted.length());
      }
      known.merge(wanted.name(), wanted.length(), Math::max);
    }
  }

  private static int longest(List<SyncNotification> batch, String attribute) {
    int longest = 0;
    for (SyncNotification change : batch) {
      if (change.operation() == Operation.UPSERT
          && change.payload().get(attribute) instanceof String text) {
        longest = Math.max(longest, text.length());
      }
    }
    return longest;
  }
}
