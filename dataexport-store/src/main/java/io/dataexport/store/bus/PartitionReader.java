package io.dataexport.store.bus;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A consumer's read position in one partition. Reads durable records one by one, moving from
 * segment to segment, and can be rewound. Holds at most one segment file open.
 */
final class PartitionReader implements Closeable {
  private final PartitionLog log;
  private SegmentCursor cursor;
  private long position;

  PartitionReader(PartitionLog log, long position) {
    this.log = log;
    this.position = position;
  }

  /** The offset of the record {@link #next()} reads. */
  long position() {
    return position;
  }

  /** Makes {@link #next()} read from {@code offset} again, when it is behind the position. */
  void rewind(long offset) {
    position = Math.min(position, offset);
  }

  /** Makes {@link #next()} read from {@code offset}, when it is ahead of the position. */
  void skipTo(long offset) {
    position = Math.max(position, offset);
  }

  /** Whether a durable record waits at the position. */
  boolean hasNext() {
    // Records below the oldest kept segment were applied by every group and deleted.
    position = Math.max(position, log.startOffset());
    return position < log.endOffset();
  }

  /**
   * Reads the record at the position and moves past it; call only right after {@link #hasNext()}
   * said there is one.
   *
   * @throws IllegalStateException when a durable record cannot be read back (the file was damaged
   *     outside the bus's control)
   * @throws NoSuchFileException when the record's segment was deleted (every consumer group has
   *     committed past it) after {@link #hasNext()}
   */
  byte[] next() throws IOException {
    Map.Entry<Long, Path> segment = log.segmentFor(position);
    if (segment == null) {
      // only a reader behind every group gets here (a scan of the pending records): consumed
      throw new NoSuchFileException(
          "the segment of record " + position + " of partition " + log.partition(),
          null,
          "deleted: every consumer group has acknowledged it");
    }
    if (cursor == null
        || cursor.baseOffset() != segment.getKey()
        || cursor.nextOffset() > position) {
      closeCursor();
      cursor = new SegmentCursor(segment.getValue(), segment.getKey());
    }
    while (cursor.nextOffset() < position) {
      if (!cursor.skip()) {
        throw damaged(cursor.nextOffset());
      }
    }
    byte[] payload = cursor.read();
    if (payload == null) {
      throw damaged(position);
    }
    position++;
    return payload;
  }

  private IllegalStateException damaged(long offset) {
    return new IllegalStateException(
        "Record "
            + offset
            + " of partition "
            + log.partition()
            + " ("
            + cursor.file()
            + ") is damaged although it was written durably; the file was changed outside the"
            + " bus. Restore the data directory from a backup, or delete the profile's bus and"
            + " resync its entities.");
  }

  private void closeCursor() throws IOException {
    if (cursor != null) {
      cursor.close();
      cursor = null;
    }
  }

  @Override
  public void close() throws IOException {
    closeCursor();
  }
}
