package io.dataexport.emulator.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.emulator.sample.SampleData;
import io.dataexport.emulator.sample.SampleOrganisation;
import io.dataexport.emulator.store.OrganisationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ChangeWorkloadTest {
  private final OrganisationStore store =
      new OrganisationStore(
          new SampleData(SampleOrganisation.metadata(), 1, 200),
          Clock.systemUTC(),
          Duration.ofDays(7));

  @Test
  void makesTheRequestedMixOfChangesAndReportsEachWithItsVersion() {
    List<AppliedChange> changes = new ArrayList<>();
    long before = store.currentVersion();
    ChangeWorkload workload =
        new ChangeWorkload(
            store,
            WorkloadSettings.defaults().withMix(1, 1, 1).withEntities(List.of("account")),
            changes::add);

    assertThat(workload.applyChanges(300)).isEqualTo(300);

    assertThat(workload.created() + workload.updated() + workload.deleted()).isEqualTo(300);
    assertThat(workload.created()).isBetween(60L, 140L);
    assertThat(workload.deleted()).isBetween(60L, 140L);
    assertThat(changes)
        .hasSize(300)
        .allMatch(c -> c.entity().equals("account") && c.version() > before);
    assertThat(store.table("account").liveCount())
        .isEqualTo(200 + workload.created() - workload.deleted());
  }

  @Test
  void runsInTheBackgroundAtRoughlyTheTargetRateUntilStopped() throws InterruptedException {
    List<AppliedChange> changes = new CopyOnWriteArrayList<>();
    try (ChangeWorkload workload =
        new ChangeWorkload(store, WorkloadSettings.defaults().withRate(200), changes::add)) {
      workload.start();
      Thread.sleep(1000);
      workload.stop();
      int made = changes.size();
      Thread.sleep(200);

      assertThat(changes).hasSize(made);
      assertThat(made).isBetween(50, 400);
    }
  }

  @Test
  void unknownEntitiesAndImpossibleSettingsAreRefused() {
    assertThatThrownBy(
            () ->
                new ChangeWorkload(
                    store, WorkloadSettings.defaults().withEntities(List.of("nosuch")), null))
        .hasMessageContaining("unknown entity 'nosuch'");
    assertThatThrownBy(() -> WorkloadSettings.defaults().withMix(0, 0, 0))
        .hasMessageContaining("weights");
    assertThatThrownBy(() -> WorkloadSettings.defaults().withRate(0))
        .hasMessageContaining("changesPerSecond");
  }
}
