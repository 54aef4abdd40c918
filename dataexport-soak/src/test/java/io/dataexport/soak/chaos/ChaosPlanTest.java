package io.dataexport.soak.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChaosPlanTest {
  private static final List<String> ENTITIES = List.of("account", "contact", "lead");

  @Test
  void theSameSeedGivesTheSamePlan() {
    assertThat(draw(11, 8, 3, true)).isEqualTo(draw(11, 8, 3, true));
  }

  @Test
  void theFirstKillAimsAtTheFirstInitialSyncAndTheLastHalfMostlyAtStreaming() {
    for (long seed = 0; seed < 50; seed++) {
      List<ChaosStep.Kill> kills = kills(draw(seed, 8, 3, true));

      assertThat(kills).hasSize(8);
      assertThat(kills.getFirst().moment()).isEqualTo(KillMoment.INITIAL_SYNC);
      assertThat(kills.subList(4, 8)).noneMatch(k -> k.moment() == KillMoment.INITIAL_SYNC);
      assertThat(kills.subList(1, 4)).noneMatch(k -> k.moment() == KillMoment.STREAMING);
      assertThat(kills)
          .allMatch(k -> k.moment() != KillMoment.INITIAL_SYNC || k.progress() >= 0.05);
    }
  }

  @Test
  void everyRoundDeactivatesAndResyncsOnceOrTwice() {
    for (long seed = 0; seed < 50; seed++) {
      ChaosPlan plan = draw(seed, 8, 3, true);

      assertThat(plan.count(ChaosStep.Deactivation.class)).isBetween(1L, 2L);
      assertThat(plan.count(ChaosStep.Resync.class)).isBetween(1L, 2L);
      assertThat(plan.steps())
          .filteredOn(ChaosStep.Resync.class::isInstance)
          .allMatch(r -> ENTITIES.contains(((ChaosStep.Resync) r).entity()));
    }
  }

  @Test
  void postgresqlRestartsInAboutOneRoundInNAndSwitchingThemOffKeepsTheOtherSteps() {
    long withRestart = 0;
    for (long seed = 0; seed < 300; seed++) {
      ChaosPlan plan = draw(seed, 8, 3, true);
      withRestart += plan.count(ChaosStep.PostgresqlRestart.class);
      List<ChaosStep> others =
          plan.steps().stream().filter(s -> !(s instanceof ChaosStep.PostgresqlRestart)).toList();

      assertThat(draw(seed, 8, 3, false).steps()).isEqualTo(others);
      assertThat(draw(seed, 8, 1, true).count(ChaosStep.PostgresqlRestart.class)).isEqualTo(1);
    }
    assertThat(withRestart).isBetween(70L, 130L);
  }

  @Test
  void leavingOutDeactivationsAndResyncsKeepsTheKillsAsTheyWere() {
    for (long seed = 0; seed < 50; seed++) {
      ChaosPlan all = draw(seed, 8, 3, true);
      ChaosPlan killsOnly =
          ChaosPlan.draw(
              new SplittableRandom(seed), new ChaosSettings(8, 3, false, false, false), ENTITIES);

      assertThat(killsOnly.steps()).isEqualTo(kills(all)).hasSize(8);
    }
  }

  private static ChaosPlan draw(long seed, int kills, int restartEvery, boolean restarts) {
    return ChaosPlan.draw(
        new SplittableRandom(seed),
        new ChaosSettings(kills, restartEvery, restarts, true, true),
        ENTITIES);
  }

  private static List<ChaosStep.Kill> kills(ChaosPlan plan) {
    return plan.steps().stream()
        .filter(ChaosStep.Kill.class::isInstance)
        .map(ChaosStep.Kill.class::cast)
        .toList();
  }
}
