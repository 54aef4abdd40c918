package io.dataexport.store.config;

import io.dataexport.api.store.UnknownProfileException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

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

  /** A write of rows that belong to a profile. */
  @FunctionalInterface
  interface ProfileWrite {
    void run(Connection connection) throws SQLException;
  }

  /**
   * Runs a write of a profile's rows in a transaction of its own; a failure because the profile is
   * gone (the foreign keys refuse rows of unknown profiles) says so.
   *
   * @throws UnknownProfileException when there is no such profile
   */
  default void forProfile(String profileId, String action, ProfileWrite write) {
    Objects.requireNonNull(profileId, "profileId");
    transaction(
        action + " of profile " + profileId,
        c -> {
          try {
            write.run(c);
          } catch (SQLException e) {
            // Checked only on failure. PostgreSQL refuses any statement in a failed transaction:
            // roll it back first.
            c.rollback();
            if (!ProfileTable.exists(c, profileId)) {
              throw new UnknownProfileException(profileId);
            }
            throw e;
          }
          return null;
        });
  }

  /** Closes the connections once no transaction runs; later transactions throw. Idempotent. */
  @Override
  void close();
}
