package io.dataexport.store.bus;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the records of one segment file front to back through a small window, so memory stays
 * constant however large the segment. Used both to recover a segment after a crash (finding where
 * its valid records end) and to read records for consumers.
 */
final class SegmentCursor implements Closeable {
  private static final int WINDOW_BYTES = 64 * 1024;

  private final Path file;
  private final long baseOffset;
  private final FileChannel channel;
  private final ByteBuffer window = ByteBuffer.allocate(WINDOW_BYTES);
  private long windowStart;
  private long position;
  private long nextOffset;

  SegmentCursor(Path file, long baseOffset) throws IOException {
    this.file = file;
    this.baseOffset = baseOffset;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.nextOffset = baseOffset;
    window.limit(0);
  }

  Path file() {
    return file;
  }

  long baseOffset() {
    return baseOffset;
  }

  /** The byte position just after the last record read or skipped. */
  long position() {
    return position;
  }

  /** The offset of the next record. */
  long nextOffset() {
    return nextOffset;
  }

  /**
   * Reads the next record and checks it.
   *
   * @return its payload, or null when the file ends here or what follows is not a whole, valid
   *     record (a torn or garbled tail); the position is then unchanged
   */
  byte[] read() throws IOException {
    int length = payloadLength();
    if (length < 0) {
      return null;
    }
    int expectedChecksum = window.getInt(windowIndex(position) + Integer.BYTES);
    byte[] payload = new byte[length];
    if (!readFully(position + RecordFormat.HEADER_BYTES, payload)) {
      return null;
    }
    if (RecordFormat.checksum(nextOffset, payload) != expectedChecksum) {
      return null;
    }
    advance(length);
    return payload;
  }

  /**
   * Moves past the next record without reading its payload; for records already known to be sound
   * (below a partition's durable end).
   *
   * @return false when no whole record follows
   */
  boolean skip() throws IOException {
    int length = payloadLength();
    if (length < 0 || position + RecordFormat.HEADER_BYTES + length > channel.size()) {
      return false;
    }
    advance(length);
    return true;
  }

  /**
   * The payload length of the record at the position, after checking its header is whole and names
   * the expected offset; -1 otherwise. Leaves the header in the window.
   */
  private int payloadLength() throws IOException {
    if (!fill(position, RecordFormat.HEADER_BYTES)) {
      return -1;
    }
    int at = windowIndex(position);
    int length = window.getInt(at);
    long offset = window.getLong(at + 2 * Integer.BYTES);
    if (!RecordFormat.plausibleLength(length) || offset != nextOffset) {
      return -1;
    }
    return length;
  }

  private void advance(int payloadLength) {
    position += RecordFormat.HEADER_BYTES + payloadLength;
    nextOffset++;
  }

  /** Copies bytes at a file position into target, through the window when they fit there. */
  private boolean readFully(long at, byte[] target) throws IOException {
    if (target.length <= WINDOW_BYTES) {
      if (!fill(at, target.length)) {
        return false;
      }
      window.get(windowIndex(at), target);
      return true;
    }
    ByteBuffer direct = ByteBuffer.wrap(target);
    long filePosition = at;
    while (direct.hasRemaining()) {
      int read = channel.read(direct, filePosition);
      if (read < 0) {
        return false;
      }
      filePosition += read;
    }
    return true;
  }

  /**
   * Makes the window hold {@code length} bytes from file position {@code at}, reading from the file
   * when it does not yet. The file may grow while it is read (the active segment); bytes once
   * written never change, so a window filled earlier stays valid.
   */
  private boolean fill(long at, int length) throws IOException {
    if (at >= windowStart && at + length <= windowStart + window.limit()) {
      return true;
    }
    window.clear();
    windowStart = at;
    while (window.position() < length) {
      if (channel.read(window, at + window.position()) < 0) {
        window.flip();
        return false;
      }
    }
    window.flip();
    return true;
  }

  private int windowIndex(long filePosition) {
    return (int) (filePosition - windowStart);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
