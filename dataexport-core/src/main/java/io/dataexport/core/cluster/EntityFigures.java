package io.dataexport.core.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataexport.core.sync.ProfileRuntime;
import java.time.Duration;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one node knows of one entity of a profile running on it, and the store does not keep, as it
 * reports it in its heartbeat ({@link NodeReport#entities()}); {@link ClusterFigures} adds up the
 * live nodes' for the profile's status. A node reports only the entities it has something to tell
 * of, and leaves out what it does not know: a missing entity or field means nothing known.
 *
 * @param throughput notifications of the entity this node applied per second over the last minute
 * @param lagMillis how long the oldest change this node published and counts as not applied yet had
 *     waited when the report was made, or null when it counts none
 * @param error the last error of the entity's change reader when it runs on this node and fails, or
 *     null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EntityFigures(
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) double throughput,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long lagMillis,
    @JsonInclude(JsonInclude.Include.NON_NULL) String error) {
  /** A reader's error is cut to this many characters in a report (it is a message, not a log). */
  static final int MAX_ERROR_CHARS = 1000;

  /**
   * A report's figures: the throughput to a hundredth (as the status shows it), the lag to the
   * millisecond, the error cut to {@link #MAX_ERROR_CHARS}.
   *
   * @param lag the oldest waiting change's age, or null when none waits
   * @param error the reader's last error, or null
   */
  static EntityFigures of(double throughput, Duration lag, String error) {
    String cut =
        error == null || error.length() <= MAX_ERROR_CHARS
            ? error
            : error.substring(0, MAX_ERROR_CHARS - 1) + "…";
    return new EntityFigures(
        Math.round(throughput * 100) / 100.0, lag == null ? null : lag.toMillis(), cut);
  }

  /** What this node knows of a running profile's entities; those it knows nothing of left out. */
  static SortedMap<String, EntityFigures> known(ProfileRuntime runtime) {
    SortedMap<String, EntityFigures> known = new TreeMap<>();
    for (String entity : runtime.wantedEntities()) {
      boolean waiting = runtime.metrics().oldestWaiting(entity) != null;
      EntityFigures figures =
          of(
              runtime.metrics().throughput(entity),
              waiting ? runtime.metrics().lag(entity) : null,
              runtime.readerError(entity).orElse(null));
      if (!figures.empty()) {
        known.put(entity, figures);
      }
    }
    return known;
  }

  /** Whether it tells nothing (then it is left out of the report). */
  boolean empty() {
    return throughput == 0 && lagMillis == null && error == null;
  }
}
