package io.dataexport.core.cluster;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
 *       profile has fewer than the share — never a reader no other node could take; only the
 *       fullest node that could hands one over, and none while a reader lease is free.
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
   * The reader lease this node hands over in this tick, if any (call after {@link #endTick}). Of
   * the nodes that have a reader to hand over, only the one holding the most readers does (on a
   * tie, the smallest node id), so that nodes that see a node join in the same tick do not each
   * hand it one; and nobody hands over while a reader lease is free (one handed over and not taken
   * yet, most likely). Either would leave a reader unheld until a node takes it above the floor,
   * ticks later.
   *
   * @param self this node's id
   * @param nodes the live nodes, this one included, by id: the readers each holds by the store's
   *     leases (as {@code <profile>/<entity>}) and the profiles running on it
   */
  Optional<String> toHandOver(String self, Shares shares, Map<String, NodeReport> nodes) {
    if (!freeTicks.isEmpty()) {
      return Optional.empty();
    }
    Map<String, NodeReport> all = new TreeMap<>(nodes);
    Optional<String> chosen = byTheFullest(self, shares.floor(), all);
    if (chosen.isEmpty()) {
      chosen = byTheFullest(self, shares.share(), all);
    }
    return chosen.map(reader -> ClusterCoordinator.READER + reader);
  }

  /**
   * The reader this node hands to a node with fewer than {@code limit} readers, when it is the node
   * with the most readers of those that could.
   */
  private static Optional<String> byTheFullest(
      String self, int limit, Map<String, NodeReport> all) {
    String giver = null;
    int most = -1;
    for (Map.Entry<String, NodeReport> node : all.entrySet()) { // by id: a tie goes to the first
      int count = node.getValue().readers().size();
      if (count > most && above(node.getKey(), limit, all).isPresent()) {
        giver = node.getKey();
        most = count;
      }
    }
    return self.equals(giver) ? above(self, limit, all) : Optional.empty();
  }

  /**
   * The last reader by name, as {@code <profile>/<entity>}, of the node {@code giver} if it holds
   * more than {@code limit}, that another node with fewer than {@code limit} readers runs.
   */
  private static Optional<String> above(String giver, int limit, Map<String, NodeReport> all) {
    List<String> readers = all.get(giver).readers();
    if (readers.size() <= limit) {
      return Optional.empty();
    }
    List<NodeReport> takers =
        all.entrySet().stream()
            .filter(node -> !node.getKey().equals(giver))
            .map(Map.Entry::getValue)
            .filter(report -> report.readers().size() < limit)
            .toList();
    return readers.stream()
        .filter(
            reader -> {
              String profile = reader.substring(0, reader.indexOf('/'));
              return takers.stream().anyMatch(report -> report.profiles().contains(profile));
            })
        .max(Comparator.naturalOrder());
  }
}
