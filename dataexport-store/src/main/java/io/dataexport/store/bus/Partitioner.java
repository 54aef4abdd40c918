package io.dataexport.store.bus;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Maps a partition key to a partition. The hash is part of the on-disk format: records of a key
 * published before and after a restart (or an upgrade) must land in the same partition to stay in
 * order, so it is a fixed CRC-32 of the key's UTF-8 bytes, never {@link String#hashCode()}.
 */
final class Partitioner {
  /** The name recorded with a bus so a future change of hash is detected. */
  static final String HASH_NAME = "crc32-utf8";

  private Partitioner() {}

  static int partition(String key, int partitions) {
    CRC32 crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    return (int) Math.floorMod(crc.getValue(), (long) partitions);
  }
}
