package io.dataexport.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.dialect.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The destination's HikariCP pool, started on first use (so opening a destination never connects)
 * and stopped by {@link #close}. A pool that fails to start is not kept: the next use tries again.
 */
final class ConnectionPool implements AutoCloseable {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final DestinationConfig config;
  private final SqlDialect dialect;
  private HikariDataSource dataSource;
  private boolean closed;

  ConnectionPool(DestinationConfig config, SqlDialect dialect) {
    this.config = config;
    this.dialect = dialect;
  }

  /**
   * A connection in auto-commit mode; the caller closes it.
   *
   * @throws SQLException when the pool cannot be started or no connection is available in time
   * @throws IllegalStateException after {@link #close}
   */
  Connection connection() throws SQLException {
    return dataSource().getConnection();
  }

  private synchronized HikariDataSource dataSource() throws SQLException {
    if (closed) {
      throw new IllegalStateException("the destination is closed");
    }
    if (dataSource == null) {
      HikariConfig pool = new HikariConfig();
      pool.setPoolName("dataexport-" + dialect.type() + "-" + POOLS.incrementAndGet());
      pool.setJdbcUrl(config.jdbcUrl());
      if (config.username() != null) {
        pool.setUsername(config.username());
      }
      if (config.password() != null) {
        pool.setPassword(config.password().reveal());
      }
      dialect.configure(pool, config);
      try {
        dataSource = new HikariDataSource(pool);
      } catch (PoolInitializationException e) {
        if (e.getCause() instanceof SQLException sql) {
          throw sql;
        }
        throw new SQLException("cannot connect: " + e.getMessage(), "08001", e);
      }
    }
    return dataSource;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (dataSource != null) {
      dataSource.close();
      dataSource = null;
    }
  }
}
