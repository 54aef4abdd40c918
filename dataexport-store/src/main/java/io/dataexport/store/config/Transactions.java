package io.dataexport.store.config;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs the store's units of work, each in a transaction of its own. */
interface Transactions extends AutoCloseable {
  /** Work done inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs work in a transaction of its own and commits it; rolls back when it throws.
   *
   * @param action what the work does, for the error message
   * @throws io.dataexport.api.error.RetriableException when the database fails (the work's own
   *     runtime exceptions pass)
   */
  <T> T transaction(String action, Work<T> work);

  /** Closes the connections once no transaction runs; later transactions throw. Idempotent. */
  @Override
  void close();
}
