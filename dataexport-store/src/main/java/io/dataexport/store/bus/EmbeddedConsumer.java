package io.dataexport.store.bus;

import io.dataexport.api.bus.BusConsumer;
import io.dataexport.api.bus.Delivery;
import io.dataexport.api.error.RetriableException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The single member of a consumer group of an {@link EmbeddedBus}, reading every partition.
 *
 * <p>Per partition it keeps a read position, the committed offset (the first not acknowledged) and
 * the acknowledged offsets above it. Acknowledgements may come in any order; the committed offset
 * moves over the contiguous acknowledged ones and is stored durably. After a restart the group
 * starts at its committed offsets, so acknowledgements above a gap are delivered again then
 * (at-least-once; version guards make it harmless). Not thread-safe, as {@link BusConsumer} says.
 */
final class EmbeddedConsumer implements BusConsumer {
  private static final Duration MAX_WAIT = Duration.ofDays(365);

  private final EmbeddedBus bus;
  private final String group;
  private final PartitionReader[] readers;
  private final long[] committed;
  private final long[] durable;
  private final List<TreeSet<Long>> acknowledged = new ArrayList<>();
  private int firstPartition;
  private boolean closed;

  EmbeddedConsumer(EmbeddedBus bus, String group, long[] committed) {
    this.bus = bus;
    this.group = group;
    this.committed = committed.clone();
    this.durable = committed.clone();
    this.readers = new PartitionReader[committed.length];
    for (int partition = 0; partition < committed.length; partition++) {
      readers[partition] = new PartitionReader(bus.log(partition), committed[partition]);
      acknowledged.add(new TreeSet<>());
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Takes one record from each partition in turn (starting one partition further each call), so
   * a busy partition does not starve the others. Returns early, empty, when the thread is
   * interrupted or the bus closes.
   */
  @Override
  public List<Delivery> poll(int max, Duration timeout) {
    requireOpen();
    if (max < 1) {
      throw new IllegalArgumentException("poll(max = " + max + "): max must be at least 1.");
    }
    long deadline = System.nanoTime() + waitNanos(timeout);
    while (true) {
      long seen = bus.publishSequence();
      List<Delivery> deliveries = collect(max);
      long remaining = deadline - System.nanoTime();
      if (!deliveries.isEmpty() || remaining <= 0 || closed || bus.isClosed()) {
        return deliveries;
      }
      if (!bus.awaitPublish(seen, remaining)) {
        return deliveries;
      }
    }
  }

  private static long waitNanos(Duration timeout) {
    if (timeout.isNegative()) {
      return 0;
    }
    // Far enough to mean "wait for data", near enough that the deadline arithmetic cannot overflow.
    return timeout.compareTo(MAX_WAIT) > 0 ? MAX_WAIT.toNanos() : timeout.toNanos();
  }

  private List<Delivery> collect(int max) {
    List<Delivery> deliveries = new ArrayList<>(Math.min(max, 1024));
    int partitions = readers.length;
    int first = firstPartition;
    firstPartition = (firstPartition + 1) % partitions;
    boolean progress = true;
    while (progress && deliveries.size() < max) {
      progress = false;
      for (int i = 0; i < partitions && deliveries.size() < max; i++) {
        Delivery delivery = next((first + i) % partitions);
        if (delivery != null) {
          deliveries.add(delivery);
          progress = true;
        }
      }
    }
    return deliveries;
  }

  /** The next record of a partition this group has not acknowledged, or null. */
  private Delivery next(int partition) {
    PartitionReader reader = readers[partition];
    try {
      while (reader.hasNext()) {
        long offset = reader.position();
        byte[] record = reader.next();
        if (offset >= committed[partition] && !acknowledged.get(partition).contains(offset)) {
          return new Delivery(bus.decode(record), partition, offset);
        }
      }
      return null;
    } catch (IOException e) {
      requireOpen();
      throw new RetriableException(
          "Cannot read partition " + partition + " of the bus of profile " + bus.profileId(), e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Durable on return as far as the acknowledgements are contiguous per partition.
   *
   * @throws IllegalArgumentException for a delivery this bus never published
   * @throws RetriableException when the committed offsets cannot be stored now; acknowledging again
   *     (or anything later) stores them
   */
  @Override
  public void acknowledge(List<Delivery> deliveries) {
    requireOpen();
    for (Delivery delivery : deliveries) {
      int partition = checkPartition(delivery);
      if (delivery.offset() >= committed[partition]) {
        acknowledged.get(partition).add(delivery.offset());
      }
    }
    for (int partition = 0; partition < readers.length; partition++) {
      TreeSet<Long> acked = acknowledged.get(partition);
      while (acked.remove(committed[partition])) {
        committed[partition]++;
      }
    }
    if (Arrays.equals(committed, durable)) {
      return;
    }
    try {
      bus.commit(group, committed);
      System.arraycopy(committed, 0, durable, 0, committed.length);
    } catch (IOException e) {
      throw new RetriableException(
          "Cannot store the offsets of consumer group '"
              + group
              + "' of profile "
              + bus.profileId()
              + ": "
              + e,
          e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Deliveries already acknowledged stay acknowledged and are skipped on the way forward again.
   */
  @Override
  public void release(List<Delivery> deliveries) {
    requireOpen();
    for (Delivery delivery : deliveries) {
      int partition = checkPartition(delivery);
      if (delivery.offset() >= committed[partition]) {
        readers[partition].rewind(delivery.offset());
      }
    }
  }

  private int checkPartition(Delivery delivery) {
    int partition = delivery.partition();
    if (partition < 0
        || partition >= readers.length
        || delivery.offset() >= bus.log(partition).endOffset()) {
      throw new IllegalArgumentException(
          "Partition "
              + partition
              + ", offset "
              + delivery.offset()
              + " was never published on the bus of profile "
              + bus.profileId()
              + "; hand back only deliveries this consumer polled.");
    }
    return partition;
  }

  private void requireOpen() {
    if (closed || bus.isClosed()) {
      throw new IllegalStateException(
          "The consumer of group '"
              + group
              + "' of profile "
              + bus.profileId()
              + " is closed"
              + (bus.isClosed() ? " (its bus was closed)." : "."));
    }
  }

  /** Leaves the group; unacknowledged deliveries come again to the next member. Idempotent. */
  /** Every partition: the embedded bus has one member per group. */
  @Override
  public Set<Integer> assignment() {
    return IntStream.range(0, readers.length).boxed().collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (PartitionReader reader : readers) {
      try {
        reader.close();
      } catch (IOException ignored) {
        // a read channel holds nothing that could be lost
      }
    }
    bus.leave(group, this);
  }
}
