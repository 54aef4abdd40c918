package io.dataexport.soak.round;

import io.dataexport.soak.chaos.ChaosSettings;
import io.dataexport.soak.db.PostgresqlRestart;
import io.dataexport.soak.db.PostgresqlServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything one round needs; the round draws the rest (its chaos, the workload's choices, the
 * emulator's sample data) from its seed.
 *
 * @param index the round's number in the run, from 1
 * @param seed the round's seed
 * @param records seeded records per entity
 * @param entities the change-tracked entities exported and changed
 * @param rate changes per second of the workload
 * @param chaos what the round's chaos may do
 * @param restart how to restart PostgreSQL; empty when this machine cannot
 * @param server the PostgreSQL server the round creates its schema in
 * @param convergeTimeout how long to wait for the destination to equal the source at the end
 * @param workDirectory where the round's service data and log go
 * @param servicePrefix words run before the service's java command (e.g. strace), or none
 */
public record RoundSettings(
    int index,
    long seed,
    int records,
    List<String> entities,
    double rate,
    ChaosSettings chaos,
    Optional<PostgresqlRestart> restart,
    PostgresqlServer server,
    Duration convergeTimeout,
    Path workDirectory,
    List<String> servicePrefix) {

  public RoundSettings {
    entities = List.copyOf(entities);
    servicePrefix = List.copyOf(servicePrefix);
  }
}
