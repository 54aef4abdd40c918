package io.dataexport.store.bus;

import io.dataexport.api.bus.BusConsumer;
import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.codec.NotificationCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A profile's notification bus kept in local files: a fixed number of partitions, each an
 * append-only log of checksummed records (see {@link PartitionLog}), and the committed offsets of
 * each consumer group (see {@link ConsumerGroups}).
 *
 * <p>Guarantees: {@link #publish} returns only when its records are forced to disk (one force per
 * partition it touched, so batches are cheap); a crash never loses a published record nor delivers
 * a torn one; the changes of one record share a partition and stay in order; segments every group
 * has consumed are deleted.
 *
 * <p>Limits: one process opens a bus at a time (a lock file enforces it), and a consumer group has
 * one member, which reads all partitions. Sharing partitions between several members on several
 * nodes is what the Kafka bus is for.
 */
public final class EmbeddedBus implements NotificationBus {
  private final String profileId;
  private final BusDirectory directory;
  private final PartitionLog[] logs;
  private final ConsumerGroups groups;
  private final NotificationCodec codec = new NotificationCodec();
  private final PendingScan pendingScan = new PendingScan(codec);
  private final Map<String, EmbeddedConsumer> members = new ConcurrentHashMap<>();
  private final ReentrantLock signalLock = new ReentrantLock();
  private final Condition publishedSignal = signalLock.newCondition();
  private volatile long publishSequence;
  private volatile boolean closed;

  private EmbeddedBus(
      String profileId, BusDirectory directory, PartitionLog[] logs, ConsumerGroups groups) {
    this.profileId = profileId;
    this.directory = directory;
    this.logs = logs;
    this.groups = groups;
  }

  /**
   * Opens (creating if needed) the bus kept in {@code root}, recovering every partition's tail.
   *
   * @throws IllegalStateException when the bus is open elsewhere or its files are of another format
   * @throws RetriableException when the files cannot be read or written now
   */
  public static EmbeddedBus open(Path root, String profileId, EmbeddedBusOptions options) {
    BusDirectory directory = null;
    List<PartitionLog> opened = new ArrayList<>();
    try {
      directory = BusDirectory.open(root, options.partitions());
      for (int partition = 0; partition < directory.partitions(); partition++) {
        opened.add(
            PartitionLog.open(
                partition, directory.partitionDirectory(partition), options.segmentBytes()));
      }
      ConsumerGroups groups = ConsumerGroups.load(directory.groupsDirectory(), opened.size());
      EmbeddedBus bus =
          new EmbeddedBus(profileId, directory, opened.toArray(PartitionLog[]::new), groups);
      bus.deleteConsumedSegments();
      return bus;
    } catch (IOException e) {
      closeQuietly(directory, opened);
      throw new RetriableException(
          "Cannot open the bus of profile " + profileId + " in " + root + ": " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(directory, opened);
      throw e;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>When it throws, a prefix of the partitions may hold their part of the list already;
   * publishing the whole list again then delivers those twice, which version guards make harmless.
   *
   * @throws IllegalArgumentException when a payload value has no notification form or a record
   *     exceeds 64 MiB
   */
  @Override
  public void publish(List<SyncNotification> notifications) {
    requireOpen();
    if (notifications.isEmpty()) {
      return;
    }
    List<List<byte[]>> byPartition = new ArrayList<>(logs.length);
    for (int partition = 0; partition < logs.length; partition++) {
      byPartition.add(new ArrayList<>());
    }
    for (SyncNotification notification : notifications) {
      byte[] record = codec.encode(notification);
      if (record.length > RecordFormat.MAX_PAYLOAD_BYTES) {
        throw new IllegalArgumentException(
            notification.entity()
                + " "
                + notification.recordId()
                + " encodes to "
                + record.length
                + " bytes, more than a bus record may hold; keep large payloads in the blob store.");
      }
      byPartition.get(Partitioner.partition(notification.partitionKey(), logs.length)).add(record);
    }
    try {
      for (int partition = 0; partition < logs.length; partition++) {
        List<byte[]> records = byPartition.get(partition);
        if (!records.isEmpty()) {
          append(partition, records);
        }
      }
    } finally {
      wakeConsumers();
    }
  }

  private void append(int partition, List<byte[]> records) {
    try {
      logs[partition].append(records);
    } catch (IOException e) {
      requireOpen();
      throw new RetriableException(
          "Cannot write partition "
              + partition
              + " of the bus of profile "
              + profileId
              + ": "
              + e
              + " (is the disk full?)",
          e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A new group starts at the oldest record kept. The embedded bus allows one member per group;
   * close it before subscribing again.
   *
   * @throws IllegalStateException when the group already has a member
   */
  @Override
  public synchronized BusConsumer subscribe(String group) {
    requireOpen();
    if (group == null || group.isBlank()) {
      throw new IllegalArgumentException("A consumer group needs a non-blank name.");
    }
    if (members.containsKey(group)) {
      throw new IllegalStateException(
          "Consumer group '"
              + group
              + "' of the bus of profile "
              + profileId
              + " already has a member; the embedded bus allows one per group. Close it first, or"
              + " use the Kafka bus for several members.");
    }
    long[] startOffsets = new long[logs.length];
    for (int partition = 0; partition < logs.length; partition++) {
      startOffsets[partition] = logs[partition].startOffset();
    }
    try {
      EmbeddedConsumer consumer =
          new EmbeddedConsumer(this, group, groups.join(group, startOffsets));
      members.put(group, consumer);
      return consumer;
    } catch (IOException e) {
      throw new RetriableException(
          "Cannot register consumer group '" + group + "' of profile " + profileId + ": " + e, e);
    }
  }

  /** {@inheritDoc} For a group that never subscribed: every record kept. */
  @Override
  public long pending(String group) {
    long pending = 0;
    for (PartitionLog log : logs) {
      long committed = Math.max(groups.committed(group, log.partition()), log.startOffset());
      pending += log.endOffset() - committed;
    }
    return pending;
  }

  @Override
  public Map<Integer, Long> endOffsets() {
    Map<Integer, Long> offsets = new TreeMap<>();
    for (PartitionLog log : logs) {
      offsets.put(log.partition(), log.endOffset());
    }
    return offsets;
  }

  /** {@inheritDoc} For a group that never subscribed: 0 everywhere. */
  @Override
  public Map<Integer, Long> committedOffsets(String group) {
    Map<Integer, Long> offsets = new TreeMap<>();
    for (PartitionLog log : logs) {
      offsets.put(log.partition(), Math.max(0, groups.committed(group, log.partition())));
    }
    return offsets;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Each partition is read by a reader of the scan's own, so the group's member polls on
   * undisturbed; the scan reads every pending record's bytes, but decodes only the header of those
   * carrying their payload inline.
   */
  @Override
  public Set<String> pendingPayloadRefs(String group) {
    requireOpen();
    Set<String> refs = new HashSet<>();
    for (PartitionLog log : logs) {
      try {
        pendingScan.payloadRefs(log, () -> groups.committed(group, log.partition()), refs);
      } catch (IOException e) {
        requireOpen();
        throw new RetriableException(
            "Cannot read partition "
                + log.partition()
                + " of the bus of profile "
                + profileId
                + " for the payload references of group '"
                + group
                + "': "
                + e,
            e);
      }
    }
    return refs;
  }

  /** How many partitions this bus has (fixed when it was created). */
  public int partitions() {
    return logs.length;
  }

  /** How many segment files the bus holds now, over all partitions; for tests and monitoring. */
  public int segmentCount() {
    int count = 0;
    for (PartitionLog log : logs) {
      count += log.segmentCount();
    }
    return count;
  }

  String profileId() {
    return profileId;
  }

  PartitionLog log(int partition) {
    return logs[partition];
  }

  SyncNotification decode(byte[] record) {
    return codec.decode(record);
  }

  /** Stores a group's committed offsets durably, then deletes what every group has consumed. */
  void commit(String group, long[] committed) throws IOException {
    groups.commit(group, committed);
    deleteConsumedSegments();
  }

  void leave(String group, EmbeddedConsumer consumer) {
    members.remove(group, consumer);
  }

  boolean isClosed() {
    return closed;
  }

  /** A number that changes with every publish; read it before looking for records. */
  long publishSequence() {
    return publishSequence;
  }

  /**
   * Waits until something is published after {@code seen} was read, the bus closes or {@code nanos}
   * pass.
   *
   * @return false when the waiting thread was interrupted (its flag is set again)
   */
  boolean awaitPublish(long seen, long nanos) {
    signalLock.lock();
    try {
      long remaining = nanos;
      while (publishSequence == seen && !closed && remaining > 0) {
        remaining = publishedSignal.awaitNanos(remaining);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      signalLock.unlock();
    }
  }

  private void wakeConsumers() {
    signalLock.lock();
    try {
      publishSequence++;
      publishedSignal.signalAll();
    } finally {
      signalLock.unlock();
    }
  }

  private void deleteConsumedSegments() {
    for (PartitionLog log : logs) {
      long lowest = groups.lowestCommitted(log.partition());
      if (lowest >= 0) {
        log.deleteSegmentsBelow(lowest);
      }
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("The bus of profile " + profileId + " is closed.");
    }
  }

  /** Closes the bus and its consumers; waiting polls return. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (EmbeddedConsumer consumer : List.copyOf(members.values())) {
      consumer.close();
    }
    wakeConsumers();
    closeQuietly(directory, List.of(logs));
  }

  private static void closeQuietly(BusDirectory directory, List<PartitionLog> logs) {
    for (PartitionLog log : logs) {
      try {
        log.close();
      } catch (IOException ignored) {
        // closing read or write channels whose data is already forced loses nothing
      }
    }
    if (directory != null) {
      try {
        directory.close();
      } catch (IOException ignored) {
        // the lock goes with the process at the latest
      }
    }
  }
}
