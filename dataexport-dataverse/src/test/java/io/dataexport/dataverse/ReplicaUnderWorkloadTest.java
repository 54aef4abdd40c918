package io.dataexport.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangePage;
import io.dataexport.api.source.SourceChange;
import io.dataexport.dataverse.testing.ChangeStream;
import io.dataexport.dataverse.testing.EmulatorRecords;
import io.dataexport.dataverse.testing.EmulatorSources;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.workload.ChangeWorkload;
import io.dataexport.emulator.workload.WorkloadSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The guarantee the source exists for: replicas built only from {@code read()} pages, by readers of
 * several entities sharing one source while the organisation changes at random underneath, end
 * equal to the organisation's records.
 */
class ReplicaUnderWorkloadTest {
  private static final List<String> ENTITIES =
      List.of("account", "contact", "lead", "opportunity", "accountleads");

  @Test
  void replicasBuiltFromReadPagesEqualTheOrganisationAfterAConcurrentWorkload() throws Exception {
    try (DataverseEmulator emulator =
            DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(200));
        DataverseChangeSource source =
            EmulatorSources.open(emulator, DataverseSettings.defaults().withPageSize(50));
        ChangeWorkload workload =
            new ChangeWorkload(
                emulator.store(),
                WorkloadSettings.defaults()
                    .withRate(800)
                    .withMix(3, 5, 2)
                    .withEntities(ENTITIES)
                    .withSeed(11),
                null);
        ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
      AtomicBoolean workloadStopped = new AtomicBoolean();
      workload.start();
      List<Future<Replica>> replicas = new ArrayList<>();
      for (String entity : ENTITIES) {
        EntitySchema schema = source.describe(entity);
        replicas.add(readers.submit(() -> follow(source, schema, workloadStopped)));
      }
      Thread.sleep(2000);
      workload.stop();
      workloadStopped.set(true);

      assertThat(workload.created() + workload.updated() + workload.deleted()).isGreaterThan(500);
      assertThat(workload.deleted()).isPositive();
      for (int i = 0; i < ENTITIES.size(); i++) {
        Replica replica = replicas.get(i).get();
        assertThat(replica.live)
            .as("replica of %s", ENTITIES.get(i))
            .isEqualTo(EmulatorRecords.liveVersions(emulator, ENTITIES.get(i)));
        assertThat(replica.deletionsApplied).as("deletions of %s", ENTITIES.get(i)).isPositive();
      }
    }
  }

  /** Reads pages until the workload stopped, then once more until caught up. */
  private static Replica follow(
      DataverseChangeSource source, EntitySchema entity, AtomicBoolean workloadStopped)
      throws InterruptedException {
    Replica replica = new Replica();
    ChangeCursor cursor = ChangeCursor.start();
    while (!workloadStopped.get()) {
      ChangePage page = source.read(entity, cursor);
      replica.apply(page);
      cursor = page.next();
      if (page.caughtUp()) {
        Thread.sleep(20);
      }
    }
    ChangeStream.readUntilCaughtUp(source, entity, cursor).forEach(replica::apply);
    return replica;
  }

  /** A destination table in miniature: version-guarded upserts and deletes. */
  private static final class Replica {
    final Map<UUID, Long> live = new HashMap<>();
    final Map<UUID, Long> deleted = new HashMap<>();
    int deletionsApplied;

    void apply(ChangePage page) {
      for (SourceChange change : page.changes()) {
        UUID id = change.recordId();
        long version = change.version();
        if (change.operation() == Operation.DELETE) {
          Long current = live.get(id);
          assertThat(current == null || version >= current)
              .as("deletion of %s at %d wins over the row at %d", id, version, current)
              .isTrue();
          live.remove(id);
          deleted.merge(id, version, Math::max);
          deletionsApplied++;
        } else if (version >= live.getOrDefault(id, Long.MIN_VALUE)
            && version >= deleted.getOrDefault(id, Long.MIN_VALUE)) {
          live.put(id, version);
        }
      }
    }
  }
}
