package io.dataexport.server.e2e;

import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.metadata.EntityDefinition;
import java.sql.SQLException;
import java.util.UUID;

/**
 * An account the destination refuses, for the tests of parked and failed notifications: a check
 * constraint on the destination's account table refuses names beginning with {@link #POISON} until
 * {@link #accept} drops it, so the same record fails and then, after a resync or retry, succeeds.
 */
final class PoisonedAccount {
  /** How the name of a refused account begins. */
  static final String POISON = "POISON";

  private PoisonedAccount() {}

  /**
   * Makes the destination refuse accounts whose name begins with {@link #POISON}, then creates such
   * an account in the source.
   *
   * @return the id of the account created
   */
  static UUID create(PostgresqlTestSchema destination, DataverseEmulator emulator)
      throws SQLException {
    destination.execute(
        "ALTER TABLE "
            + destination.table("account")
            + " ADD CONSTRAINT no_poison CHECK (name IS NULL OR name NOT LIKE '"
            + POISON
            + "%')");
    EntityDefinition account = emulator.store().metadata().entity("account").orElseThrow();
    Object[] values = new Object[account.attributes().size()];
    values[account.indexOf("name")] = POISON + " account";
    return emulator.store().create(account, values).id();
  }

  /** Lets the destination take the refused account: drops the constraint {@link #create} added. */
  static void accept(PostgresqlTestSchema destination) throws SQLException {
    destination.execute(
        "ALTER TABLE " + destination.table("account") + " DROP CONSTRAINT no_poison");
  }
}
