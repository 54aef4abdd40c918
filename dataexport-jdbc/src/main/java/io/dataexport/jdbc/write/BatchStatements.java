package io.dataexport.jdbc.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The prepared statements of one batch, one per kind, each prepared on first use and reused; {@link
 * #executeInOrder} sends the pending rows of each kind as one JDBC batch, in the order of {@link
 * Kind}.
 */
final class BatchStatements implements AutoCloseable {

  /** The statement kinds, in the order a round executes them. */
  enum Kind {
    /** Must run before the tombstone of its record is removed. */
    UPSERT,
    TOMBSTONE_REMOVE,
    DELETE_LOG,
    ROW_DELETE,
    TOMBSTONE_UPSERT
  }

  private final Connection connection;
  private final Map<Kind, String> sql;
  private final Map<Kind, PreparedStatement> statements = new EnumMap<>(Kind.class);
  private final Map<Kind, Integer> pending = new EnumMap<>(Kind.class);

  /**
   * @param sql the statement of each kind used
   */
  BatchStatements(Connection connection, Map<Kind, String> sql) {
    this.connection = connection;
    this.sql = sql;
  }

  /** Adds one row to the kind's batch. */
  void add(Kind kind, Binder binder) throws SQLException {
    PreparedStatement statement = statements.get(kind);
    if (statement == null) {
      statement = connection.prepareStatement(sql.get(kind));
      statements.put(kind, statement);
    }
    binder.bind(statement);
    statement.addBatch();
    pending.merge(kind, 1, Integer::sum);
  }

  /** Executes every kind's pending rows, kind by kind. */
  void executeInOrder() throws SQLException {
    for (Kind kind : Kind.values()) {
      if (pending.getOrDefault(kind, 0) > 0) {
        statements.get(kind).executeBatch();
        pending.put(kind, 0);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    SQLException failure = null;
    for (PreparedStatement statement : statements.values()) {
      try {
        statement.close();
      } catch (SQLException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
