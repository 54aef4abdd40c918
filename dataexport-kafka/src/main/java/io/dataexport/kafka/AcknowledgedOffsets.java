package io.dataexport.kafka;

import java.util.TreeSet;

/**
 * The acknowledgements of one partition while a consumer holds it: the contiguous offset (the next
 * one not acknowledged, what a commit stores) and the acknowledged offsets above it, which a
 * redelivery after {@link io.dataexport.api.bus.BusConsumer#release} skips.
 */
final class AcknowledgedOffsets {
  private final TreeSet<Long> above = new TreeSet<>();
  private long contiguous;
  private long committed;

  /**
   * @param committed where the group's committed offset stands when the partition is assigned
   */
  AcknowledgedOffsets(long committed) {
    this.contiguous = committed;
    this.committed = committed;
  }

  void add(long offset) {
    if (offset < contiguous) {
      return;
    }
    above.add(offset);
    while (above.remove(contiguous)) {
      contiguous++;
    }
  }

  /** Whether {@code offset} is acknowledged (so not to be delivered again). */
  boolean contains(long offset) {
    return offset < contiguous || above.contains(offset);
  }

  /** The next offset not acknowledged: everything below is. */
  long contiguous() {
    return contiguous;
  }

  /** Whether the contiguous offset moved past the last commit. */
  boolean uncommitted() {
    return contiguous > committed;
  }

  /** Records that {@code offset} is committed. */
  void committed(long offset) {
    committed = Math.max(committed, offset);
  }
}
