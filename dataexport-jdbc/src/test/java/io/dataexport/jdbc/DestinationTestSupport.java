package io.dataexport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.destination.Destination;
import io.dataexport.api.destination.DestinationProvider;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.api.schema.EntitySchema;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/**
 * What the behaviour suites of SQL destinations stand on: the hooks a subclass per database fills
 * in (an isolated, empty database, plain JDBC to read it back), opening and preparing destinations,
 * and reading tables back. The {@code read…} methods turn what a driver returns into Java values
 * and may be overridden.
 */
public abstract class DestinationTestSupport {
  protected static final Instant T0 = Instant.parse("2024-05-01T08:00:00.123456Z");

  protected final MutableClock clock = new MutableClock(T0);
  private final List<Destination> opened = new ArrayList<>();

  /** The destination configuration of this test's database, with the given table prefix. */
  protected abstract DestinationConfig config(String tablePrefix);

  /** A configuration whose database cannot be reached; {@code validate} must say so. */
  protected abstract DestinationConfig unreachableConfig();

  /** A plain JDBC connection to this test's database, for reading rows back. */
  protected abstract Connection connect() throws SQLException;

  /** The quoted, qualified name of a table, for reading it back. */
  protected String qualified(String table) {
    return '"' + table + '"';
  }

  /**
   * A configuration of this test's database whose tables go into a second schema of their own
   * (MySQL: a second database), or null when the database has no schemas (SQLite).
   */
  protected DestinationConfig configInSecondSchema(String tablePrefix) {
    return null;
  }

  /** The quoted, qualified name of a table in the second schema. */
  protected String qualifiedInSecondSchema(String table) {
    throw new UnsupportedOperationException("this database has no second schema");
  }

  protected BigDecimal readDecimal(Object raw) {
    return raw == null ? null : new BigDecimal(raw.toString());
  }

  protected Instant readInstant(Object raw) {
    return switch (raw) {
      case null -> null;
      case java.sql.Timestamp t -> t.toInstant();
      case OffsetDateTime o -> o.toInstant();
      default -> Instant.parse(raw.toString());
    };
  }

  protected LocalDate readDate(Object raw) {
    return switch (raw) {
      case null -> null;
      case java.sql.Date d -> d.toLocalDate();
      default -> LocalDate.parse(raw.toString());
    };
  }

  protected Boolean readBoolean(Object raw) {
    return switch (raw) {
      case null -> null;
      case Boolean b -> b;
      case Number n -> n.intValue() != 0;
      default -> Boolean.parseBoolean(raw.toString());
    };
  }

  protected UUID readGuid(Object raw) {
    return raw == null ? null : UUID.fromString(raw.toString());
  }

  protected Long readLong(Object raw) {
    return raw == null ? null : ((Number) raw).longValue();
  }

  protected Double readDouble(Object raw) {
    return raw == null ? null : ((Number) raw).doubleValue();
  }

  @AfterEach
  protected void closeDestinations() {
    opened.forEach(Destination::close);
  }

  protected Destination open(DestinationConfig config) {
    JdbcDestinationProvider provider =
        ServiceLoader.load(DestinationProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.type().equals(config.type()))
            .map(JdbcDestinationProvider.class::cast)
            .findFirst()
            .orElseThrow();
    Destination destination = provider.open(config, clock);
    opened.add(destination);
    return destination;
  }

  protected Destination prepared(String prefix, EntitySchema... entities) {
    return prepared(prefix, List.of(entities), false);
  }

  protected Destination prepared(String prefix, EntitySchema entity, boolean deleteLog) {
    return prepared(prefix, List.of(entity), deleteLog);
  }

  protected Destination prepared(String prefix, List<EntitySchema> entities, boolean deleteLog) {
    Destination destination = open(config(prefix));
    destination.prepare(entities, deleteLog);
    return destination;
  }

  /** The table's column names in order; empty when it does not exist. */
  protected List<String> columns(String table) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      ResultSetMetaData meta;
      try (ResultSet rs =
          statement.executeQuery("SELECT * FROM " + qualified(table) + " WHERE 1 = 0")) {
        meta = rs.getMetaData();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          names.add(meta.getColumnName(i));
        }
        return names;
      }
    } catch (SQLException e) {
      if (tableExists(table)) {
        throw e;
      }
      return new ArrayList<>();
    }
  }

  protected boolean tableExists(String table) throws SQLException {
    try (Connection connection = connect();
        ResultSet rs = connection.getMetaData().getTables(null, null, table, null)) {
      return rs.next();
    }
  }

  /** Every row of a table, ordered by its first column, values as the driver returns them. */
  protected List<Map<String, Object>> rows(String table) throws SQLException {
    return rowsOf(qualified(table));
  }

  /** Every row of a table given by its quoted, qualified name, ordered by its first column. */
  protected List<Map<String, Object>> rowsOf(String qualifiedTable) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM " + qualifiedTable + " ORDER BY 1")) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnName(i), rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  protected Map<String, Object> onlyRow(String table) throws SQLException {
    List<Map<String, Object>> rows = rows(table);
    assertThat(rows).hasSize(1);
    return rows.getFirst();
  }

  protected Map<String, Object> row(String table, UUID id) throws SQLException {
    return rows(table).stream()
        .filter(r -> id.equals(readGuid(r.get("Id"))))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + id + " in " + table));
  }
}
