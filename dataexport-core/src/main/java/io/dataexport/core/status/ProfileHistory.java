package io.dataexport.core.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent activity of each profile, for the console's live chart: every {@code interval} (5 s)
 * one virtual thread reads the profiles' status — the store's cluster-wide counters, so every node
 * sees the whole cluster's work — and keeps, per profile, a sample of what happened since the last
 * reading, for the last {@code window} (15 minutes). Each profile's samples are a bounded ring;
 * profiles that are gone are forgotten at the next reading. Nothing is stored: a node that starts
 * has no history yet. Thread-safe.
 */
public final class ProfileHistory implements AutoCloseable {
  public static final Duration INTERVAL = Duration.ofSeconds(5);
  public static final Duration WINDOW = Duration.ofMinutes(15);
  private static final Logger LOG = LoggerFactory.getLogger(ProfileHistory.class);

  /**
   * What a profile did in one interval.
   *
   * @param at the end of the interval
   * @param succeeded notifications applied in it, over every entity and node
   * @param failed notifications given up in it
   * @param throughputPerSecond {@code succeeded} per second of the interval
   * @param lagSeconds at {@code at}, the largest lag of its entities (the age of the oldest change
   *     not applied yet), in seconds
   */
  public record Sample(
      Instant at, long succeeded, long failed, double throughputPerSecond, double lagSeconds) {}

  private record Reading(Instant at, long succeeded, long failed) {}

  private final Supplier<List<ProfileStatus>> statuses;
  private final Duration interval;
  private final int capacity;
  private final Clock clock;
  private final Map<String, ArrayDeque<Sample>> samples = new HashMap<>();
  private final Map<String, Reading> last = new HashMap<>();
  private Thread sampler;

  /**
   * @param statuses reads every profile's status (from the store)
   * @param interval how often to sample
   * @param window how long to keep samples for
   */
  public ProfileHistory(
      Supplier<List<ProfileStatus>> statuses, Duration interval, Duration window, Clock clock) {
    this.statuses = statuses;
    this.interval = interval;
    this.capacity = (int) Math.max(1, window.toMillis() / interval.toMillis());
    this.clock = clock;
  }

  /** Starts sampling every interval on a virtual thread of its own. */
  public synchronized void start() {
    if (sampler != null) {
      return;
    }
    sampler =
        Thread.ofVirtual()
            .name("profile-history")
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      Thread.sleep(interval);
                      sample();
                    } catch (InterruptedException e) {
                      return;
                    } catch (RuntimeException e) {
                      // the store may be briefly unreachable: the chart gets a gap, not an end
                      LOG.debug("Cannot sample the profiles' activity now: {}", e.toString());
                    }
                  }
                });
  }

  /** Reads every profile's counters once and adds a sample for each (the sampler's step). */
  public void sample() {
    List<ProfileStatus> now = statuses.get();
    Instant at = clock.instant();
    synchronized (this) {
      Set<String> present = new HashSet<>();
      for (ProfileStatus status : now) {
        String id = status.profile().id();
        present.add(id);
        long succeeded = 0;
        long failed = 0;
        Duration lag = Duration.ZERO;
        for (EntityStatus entity : status.entities()) {
          succeeded += entity.succeeded();
          failed += entity.failed();
          if (entity.lag() != null && entity.lag().compareTo(lag) > 0) {
            lag = entity.lag();
          }
        }
        Reading before = last.put(id, new Reading(at, succeeded, failed));
        if (before == null) {
          continue; // the first reading is the baseline of the next
        }
        double seconds = Math.max(0.001, Duration.between(before.at(), at).toMillis() / 1000.0);
        // counters restart when an entity is re-exported: never a negative count
        long applied = Math.max(0, succeeded - before.succeeded());
        long given = Math.max(0, failed - before.failed());
        ArrayDeque<Sample> ring = samples.computeIfAbsent(id, key -> new ArrayDeque<>());
        if (ring.size() == capacity) {
          ring.removeFirst();
        }
        ring.addLast(new Sample(at, applied, given, applied / seconds, lag.toMillis() / 1000.0));
      }
      samples.keySet().retainAll(present);
      last.keySet().retainAll(present);
    }
  }

  /** A profile's samples, oldest first; empty when it has none (yet). */
  public synchronized List<Sample> samples(String profileId) {
    return Optional.ofNullable(samples.get(profileId)).map(List::copyOf).orElse(List.of());
  }

  /** How often it samples. */
  public Duration interval() {
    return interval;
  }

  @Override
  public synchronized void close() {
    if (sampler != null) {
      sampler.interrupt();
      sampler = null;
    }
  }
}
