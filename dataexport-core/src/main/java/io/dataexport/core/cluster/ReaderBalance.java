package io.dataexport.core.cluster;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a node spreads the change readers with the others ({@link ClusterCoordinator}'s balancing):
 * how many reader leases it may take, and which one it hands over. The fair share is the wanted
 * readers over the live nodes; a node that cannot run a profile (its start fails there, or is still
 * under way) counts in it all the same, so it neither makes the others hand readers to it that it
 * cannot take nor keeps them from taking a reader nobody else takes. Used by the coordinator's
 * thread only.
 *
 * <ul>
 *   <li><b>take</b>: up to the floor of the fair share at once; up to the share once a lease was
 *       free a tick before (so that the remainder spreads); any number once it was free two ticks
 *       before (nobody below its share could take it: a reader is never left unheld);
 *   <li><b>hand over</b>: one reader above the floor while a node that runs its profile has fewer
 *       than the floor (it joined, or restarted), else above the share while one that runs its
 *       profile has fewer than the share — never a reader no other node could take.
 * </ul>
 */
final class ReaderBalance {
  // consecutive ticks each reader lease was seen free, up to the last tick
  private Map<String, Integer> freeTicks = new HashMap<>();
  private Map<String, Integer> freeTicksNow = new HashMap<>();

  /** The fair share of this tick, rounded down and up. */
  record Shares(int floor, int share) {
    /**
     * @param wanted the readers of the profiles running here
     * @param liveNodes the live nodes, this one included
     */
    static Shares of(int wanted, int liveNodes) {
      return new Shares(wanted / liveNodes, (wanted + liveNodes - 1) / liveNodes);
    }
  }

  /**
   * How many readers this node may hold to take the reader lease {@code name}, free now; records
   * that it was seen free in this tick.
   */
  int allowed(String name, Shares shares) {
    int ticks = freeTicks.getOrDefault(name, 0);
    freeTicksNow.put(name, ticks + 1);
    return ticks >= 2 ? Integer.MAX_VALUE : ticks == 1 ? shares.share() : shares.floor();
  }

  /** Ends the tick: leases not seen free in it start counting again. */
  void endTick() {
    freeTicks = freeTicksNow;
    freeTicksNow = new HashMap<>();
  }

  /**
   * The reader lease to hand over, if any.
   *
   * @param heldReaders this node's reader leases, {@code reader/<profile>/<entity>}
   * @param others the reports of the other live nodes
   */
  static Optional<String> toHandOver(
      Collection<String> heldReaders, Shares shares, Collection<NodeReport> others) {
    Optional<String> forStarved = above(heldReaders, shares.floor(), others);
    return forStarved.isPresent() ? forStarved : above(heldReaders, shares.share(), others);
  }

  /** The last held reader, by name, that a node with fewer than {@code limit} readers runs. */
  private static Optional<String> above(
      Collection<String> heldReaders, int limit, Collection<NodeReport> others) {
    if (heldReaders.size() <= limit) {
      return Optional.empty();
    }
    List<NodeReport> takers = others.stream().filter(r -> r.readers().size() < limit).toList();
    return heldReaders.stream()
        .filter(
            name ->
                takers.stream()
                    .anyMatch(r -> r.profiles().contains(ClusterCoordinator.profileOf(name))))
        .max(Comparator.naturalOrder());
  }
}
