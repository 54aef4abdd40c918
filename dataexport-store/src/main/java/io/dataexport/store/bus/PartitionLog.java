package io.dataexport.store.bus;

import io.dataexport.store.io.DurableFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One partition: a sequence of segment files named after the offset of their first record, of which
 * only the last (the active one) is appended to. Offsets are record sequence numbers.
 *
 * <p>Appends are serialised by a lock and forced to disk before {@link #endOffset()} moves, so
 * readers only ever see durable records. Opening recovers the active segment: a record torn by a
 * crash and anything after it is cut off; everything forced before stays.
 */
final class PartitionLog implements Closeable {
  private static final Pattern SEGMENT_NAME = Pattern.compile("(\\d{20})\\.seg");

  private final int partition;
  private final Path directory;
  private final long segmentBytes;
  private final ReentrantLock appendLock = new ReentrantLock();
  private final ConcurrentSkipListMap<Long, Path> segments = new ConcurrentSkipListMap<>();
  private FileChannel active;
  private long activeSize;
  private volatile long endOffset;
  private boolean closed;

  private PartitionLog(int partition, Path directory, long segmentBytes) {
    this.partition = partition;
    this.directory = directory;
    this.segmentBytes = segmentBytes;
  }

  /** Opens (creating if needed) the partition kept in {@code directory}, recovering its tail. */
  static PartitionLog open(int partition, Path directory, long segmentBytes) throws IOException {
    DurableFiles.createDirectories(directory);
    PartitionLog log = new PartitionLog(partition, directory, segmentBytes);
    log.loadSegments();
    log.recoverActive();
    return log;
  }

  int partition() {
    return partition;
  }

  /** The offset the next published record gets; every record below it is durable. */
  long endOffset() {
    return endOffset;
  }

  /** The offset of the oldest record still kept (earlier ones were consumed and deleted). */
  long startOffset() {
    return segments.firstKey();
  }

  /** The segment holding {@code offset}: its first offset and file; null when deleted. */
  Map.Entry<Long, Path> segmentFor(long offset) {
    return segments.floorEntry(offset);
  }

  /**
   * Appends records and forces them to disk; returns once all are durable. After a failure the
   * partition is recovered to its last whole record, so a later append never follows garbage.
   *
   * @return the offset of the first record appended
   */
  long append(List<byte[]> payloads) throws IOException {
    appendLock.lock();
    try {
      if (closed) {
        throw new IOException(
            "partition "
                + partition
                + " takes no more appends: it is closed, or a failed write left its tail in a"
                + " state only reopening the bus can recover");
      }
      long first = endOffset;
      try {
        writeAndForce(payloads, first);
      } catch (IOException | RuntimeException e) {
        recoverAfterFailure(e);
        throw e;
      }
      endOffset = first + payloads.size();
      return first;
    } finally {
      appendLock.unlock();
    }
  }

  private void writeAndForce(List<byte[]> payloads, long first) throws IOException {
    long offset = first;
    List<ByteBuffer> pending = new ArrayList<>(payloads.size() * 2);
    for (byte[] payload : payloads) {
      if (activeSize >= segmentBytes) {
        // Seal the full segment durably before the next one exists, so only the last segment of
        // a partition can ever hold a torn record.
        write(pending);
        pending.clear();
        active.force(false);
        roll(offset);
      }
      pending.add(RecordFormat.header(offset, payload));
      pending.add(ByteBuffer.wrap(payload));
      activeSize += RecordFormat.HEADER_BYTES + payload.length;
      offset++;
    }
    write(pending);
    // force(false) is fdatasync: it flushes the data and the file length, all a reader needs.
    active.force(false);
  }

  private void write(List<ByteBuffer> buffers) throws IOException {
    ByteBuffer[] array = buffers.toArray(ByteBuffer[]::new);
    long remaining = 0;
    for (ByteBuffer buffer : array) {
      remaining += buffer.remaining();
    }
    while (remaining > 0) {
      remaining -= active.write(array);
    }
  }

  private void roll(long baseOffset) throws IOException {
    active.close();
    Path file = directory.resolve(segmentName(baseOffset));
    active = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    // Known before it is forced, so that recovery after a failure here continues in this file.
    segments.put(baseOffset, file);
    DurableFiles.forceDirectory(directory);
    activeSize = 0;
  }

  /**
   * Deletes the segments whose every record lies below {@code offset} (all consumer groups have
   * committed past them). The active segment always stays. A segment the platform refuses to delete
   * (still open elsewhere, on Windows) is tried again next time.
   */
  void deleteSegmentsBelow(long offset) {
    for (Map.Entry<Long, Path> segment : segments.entrySet()) {
      Long next = segments.higherKey(segment.getKey());
      if (next == null || next > offset) {
        return;
      }
      try {
        Files.deleteIfExists(segment.getValue());
        segments.remove(segment.getKey());
      } catch (IOException e) {
        return;
      }
    }
  }

  /** How many segment files the partition has now. */
  int segmentCount() {
    return segments.size();
  }

  private void loadSegments() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      files.forEach(
          file -> {
            Matcher name = SEGMENT_NAME.matcher(file.getFileName().toString());
            if (name.matches()) {
              segments.put(Long.parseLong(name.group(1)), file);
            }
          });
    }
    if (segments.isEmpty()) {
      Path first = directory.resolve(segmentName(0));
      Files.createFile(first);
      DurableFiles.forceDirectory(directory);
      segments.put(0L, first);
    }
  }

  /** Finds the last whole record of the active segment and cuts off whatever follows it. */
  private void recoverActive() throws IOException {
    Map.Entry<Long, Path> last = segments.lastEntry();
    long validBytes;
    long nextOffset;
    try (SegmentCursor cursor = new SegmentCursor(last.getValue(), last.getKey())) {
      while (cursor.read() != null) {
        // every record is checked: a crash may have persisted a later page but not an earlier one
      }
      validBytes = cursor.position();
      nextOffset = cursor.nextOffset();
    }
    if (active != null) {
      active.close();
    }
    active = FileChannel.open(last.getValue(), StandardOpenOption.WRITE);
    if (active.size() > validBytes) {
      active.truncate(validBytes);
      active.force(true);
    }
    active.position(validBytes);
    activeSize = validBytes;
    endOffset = nextOffset;
  }

  private void recoverAfterFailure(Exception failure) {
    try {
      recoverActive();
    } catch (IOException | RuntimeException again) {
      failure.addSuppressed(again);
      // The tail is in an unknown state: refuse further appends until the bus is reopened, which
      // recovers it properly, rather than appending after possible garbage.
      closed = true;
    }
  }

  static String segmentName(long baseOffset) {
    return String.format("%020d.seg", baseOffset);
  }

  @Override
  public void close() throws IOException {
    appendLock.lock();
    try {
      closed = true;
      if (active != null) {
        active.close();
      }
    } finally {
      appendLock.unlock();
    }
  }
}
