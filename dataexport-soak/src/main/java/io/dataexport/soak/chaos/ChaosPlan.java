package io.dataexport.soak.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A round's chaos, drawn from its seed: the kills in order (the first aimed at the first initial
 * sync, the first half after start-up or at initial syncs, the second half mostly while streaming),
 * with one or two deactivations, one or two resyncs and, in some rounds, a PostgreSQL restart
 * slipped in between them at random (each kind unless the {@link ChaosSettings} leave it out).
 *
 * <p>The same seed and options give the same plan; only the service's timing differs between runs.
 *
 * @param steps what happens, in order
 */
public record ChaosPlan(List<ChaosStep> steps) {

  public ChaosPlan {
    steps = List.copyOf(steps);
  }

  /**
   * Draws a plan. Steps the settings leave out are drawn all the same and dropped, so that a round
   * re-run without, say, restarts gets the same other steps.
   *
   * @param entities the entities a resync may pick
   */
  public static ChaosPlan draw(
      SplittableRandom random, ChaosSettings settings, List<String> entities) {
    List<ChaosStep> steps = new ArrayList<>();
    int kills = settings.kills();
    for (int i = 0; i < kills; i++) {
      KillMoment moment;
      if (i == 0) {
        moment = KillMoment.INITIAL_SYNC;
      } else if (i < (kills + 1) / 2) {
        moment = random.nextBoolean() ? KillMoment.AFTER_STARTUP : KillMoment.INITIAL_SYNC;
      } else {
        moment = random.nextInt(3) == 0 ? KillMoment.AFTER_STARTUP : KillMoment.STREAMING;
      }
      double progress = moment == KillMoment.INITIAL_SYNC ? random.nextDouble(0.05, 0.9) : 0;
      steps.add(
          new ChaosStep.Kill(moment, delay(random, moment), progress, millis(random, 0, 1500)));
    }
    boolean restart = random.nextInt(settings.restartEvery()) == 0;
    int deactivations = 1 + random.nextInt(2);
    int resyncs = 1 + random.nextInt(2);
    for (int i = 0; i < deactivations; i++) {
      insert(random, steps, new ChaosStep.Deactivation(millis(random, 500, 3000)));
    }
    for (int i = 0; i < resyncs; i++) {
      insert(random, steps, new ChaosStep.Resync(entities.get(random.nextInt(entities.size()))));
    }
    if (restart) {
      insert(random, steps, new ChaosStep.PostgresqlRestart());
    }
    return new ChaosPlan(
        steps.stream()
            .filter(s -> settings.restarts() || !(s instanceof ChaosStep.PostgresqlRestart))
            .filter(s -> settings.deactivations() || !(s instanceof ChaosStep.Deactivation))
            .filter(s -> settings.resyncs() || !(s instanceof ChaosStep.Resync))
            .toList());
  }

  private static Duration delay(SplittableRandom random, KillMoment moment) {
    return switch (moment) {
      case AFTER_STARTUP -> millis(random, 300, 1500);
      case INITIAL_SYNC -> millis(random, 500, 4000);
      case STREAMING -> millis(random, 1000, 5000);
    };
  }

  private static Duration millis(SplittableRandom random, int from, int to) {
    return Duration.ofMillis(random.nextInt(from, to + 1));
  }

  private static void insert(SplittableRandom random, List<ChaosStep> steps, ChaosStep step) {
    steps.add(random.nextInt(steps.size() + 1), step);
  }

  /** How many steps of a kind the plan holds. */
  public long count(Class<? extends ChaosStep> kind) {
    return steps.stream().filter(kind::isInstance).count();
  }
}
