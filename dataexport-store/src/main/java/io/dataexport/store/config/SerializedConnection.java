package io.dataexport.store.config;

import io.dataexport.api.error.RetriableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SQLite store's one connection, lent to one transaction at a time. A single connection
 * suffices: the store is written per page and per batch, not per record, and SQLite has one writer
 * anyway.
 */
final class SerializedConnection implements Transactions {
  private final Path file;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  /**
   * @param connection a connection without auto-commit, now owned by this object
   */
  SerializedConnection(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  @Override
  public <T> T transaction(String action, Work<T> work) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("The config store " + file + " is closed.");
      }
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(e);
        if (e instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new RetriableException(
            "Config store " + file + ": cannot " + action + ": " + e.getMessage(), e);
      }
    } finally {
      lock.unlock();
    }
  }

  private void rollback(Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        closeQuietly(connection);
      }
    } finally {
      lock.unlock();
    }
  }

  static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // nothing uncommitted is left to lose
      }
    }
  }
}
