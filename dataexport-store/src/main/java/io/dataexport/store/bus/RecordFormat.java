package io.dataexport.store.bus;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * How one record is laid out in a segment file:
 *
 * <pre>
 *   int  length   bytes of payload
 *   int  checksum CRC32C over offset and payload
 *   long offset   the record's offset in its partition
 *   byte[length]  payload (a notification in binary form, see {@link NotificationCodec})
 * </pre>
 *
 * <p>The offset is stored, although it follows from the record's place, so that a torn write or
 * stray bytes that happen to look like a header are still recognised as damage: a valid record has
 * the right checksum <em>and</em> the offset its place implies. Big-endian throughout.
 */
final class RecordFormat {
  static final int HEADER_BYTES = 16;

  /** Larger payloads are refused at publish; large records belong in the blob store. */
  static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

  private RecordFormat() {}

  /** The header of a record, ready to write before its payload. */
  static ByteBuffer header(long offset, byte[] payload) {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.putInt(payload.length).putInt(checksum(offset, payload)).putLong(offset).flip();
    return header;
  }

  /** The checksum a record with this offset and payload must carry. */
  static int checksum(long offset, byte[] payload) {
    CRC32C crc = new CRC32C();
    ByteBuffer offsetBytes = ByteBuffer.allocate(Long.BYTES).putLong(offset).flip();
    crc.update(offsetBytes);
    crc.update(payload, 0, payload.length);
    return (int) crc.getValue();
  }

  /** Whether a length read from a header can be a real one. */
  static boolean plausibleLength(int length) {
    return length >= 0 && length <= MAX_PAYLOAD_BYTES;
  }
}
