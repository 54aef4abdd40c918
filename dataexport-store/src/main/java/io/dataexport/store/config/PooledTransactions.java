package io.dataexport.store.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dataexport.api.error.RetriableException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The PostgreSQL store's connections: a small pool, each transaction on a connection of its own, so
 * that the nodes' and threads' work runs side by side and the database keeps it consistent
 * (single-statement counter updates, unique constraints, row locks).
 */
final class PooledTransactions implements Transactions {
  // the retries holding a parked entry through their write take at most JdbcFailureStore.HOLDS
  private static final int POOL_SIZE = 4 + JdbcFailureStore.HOLDS;

  private final String where;
  private final HikariDataSource pool;

  private PooledTransactions(String where, HikariDataSource pool) {
    this.where = where;
    this.pool = pool;
  }

  /**
   * A pool for the store at {@code url}.
   *
   * @param password the password, or null; never logged
   */
  static PooledTransactions open(String url, String username, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(username);
    config.setPassword(password);
    config.setAutoCommit(false);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(1);
    config.setPoolName("dataexport-config-store");
    // Start without a connection: an unreachable database is reported by the first use, which
    // the migration makes at once with the database's own message.
    config.setInitializationFailTimeout(-1);
    config.setConnectionTimeout(10_000);
    return new PooledTransactions(url, new HikariDataSource(config));
  }

  DataSource dataSource() {
    return pool;
  }

  @Override
  public <T> T transaction(String action, Work<T> work) {
    if (pool.isClosed()) {
      throw new IllegalStateException("The config store " + where + " is closed.");
    }
    try (Connection connection = pool.getConnection()) {
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new RetriableException(
          "Config store " + where + ": cannot " + action + ": " + e.getMessage(), e);
    }
  }

  private static void rollback(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
