package io.dataexport.core.cluster;

import io.dataexport.core.status.LiveFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A profile's live figures over the whole cluster, from every live node's report ({@link
 * ClusterCoordinator#readings()}), so that a status reads the same whichever node answers:
 *
 * <ul>
 *   <li><b>throughput</b>: the sum of the nodes' — every node's writer applies its partitions'
 *       part;
 *   <li><b>oldest waiting change</b>: the oldest any node counts as not applied yet (a node counts
 *       what its readers published), its reported lag carried forward by the report's age; none
 *       when the store says everything received is handled (a report may be a tick old);
 *   <li><b>reader error</b>: that of the node running the entity's reader (the freshest report when
 *       two claim it during a hand-over); none when no live node reports the reader.
 * </ul>
 */
public final class ClusterFigures implements LiveFigures {
  private final String profileId;
  private final List<NodeReading> readings;
  private final Instant now;

  /**
   * @param readings the live nodes' reports, the answering node's own among them
   * @param now the answering node's clock now, the one its status measures the lag against
   */
  public ClusterFigures(String profileId, List<NodeReading> readings, Instant now) {
    this.profileId = profileId;
    this.readings = List.copyOf(readings);
    this.now = now;
  }

  @Override
  public Entity entity(String entity, boolean caughtUp) {
    double throughput = 0;
    Instant oldest = null;
    for (NodeReading reading : readings) {
      Optional<EntityFigures> figures = reading.report().figures(profileId, entity);
      if (figures.isEmpty()) {
        continue;
      }
      throughput += figures.get().throughput();
      Long lagMillis = figures.get().lagMillis();
      if (!caughtUp && lagMillis != null) {
        Instant waitingSince = now.minus(Duration.ofMillis(lagMillis)).minus(reading.age());
        oldest = oldest == null || waitingSince.isBefore(oldest) ? waitingSince : oldest;
      }
    }
    return new Entity(oldest, throughput, readerError(entity));
  }

  private String readerError(String entity) {
    return readings.stream()
        .filter(reading -> reading.report().reads(profileId, entity))
        .min(Comparator.comparing(NodeReading::age))
        .flatMap(reading -> reading.report().figures(profileId, entity))
        .map(EntityFigures::error)
        .orElse(null);
  }
}
