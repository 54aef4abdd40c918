package io.dataexport.store.bus;

/**
 * Settings of embedded buses.
 *
 * @param partitions how many partitions a new bus gets; an existing bus keeps the number it was
 *     created with (changing it would reorder the changes of a record)
 * @param segmentBytes the size at which a partition starts a new segment file; consumed segments
 *     are deleted whole, so this bounds how much applied data stays on disk per partition
 */
public record EmbeddedBusOptions(int partitions, long segmentBytes) {
  /** Four partitions. */
  public static final int DEFAULT_PARTITIONS = 4;

  /** 64 MiB. */
  public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;

  public EmbeddedBusOptions {
    if (partitions < 1 || partitions > 1024) {
      throw new IllegalArgumentException(
          "partitions = " + partitions + ": must be between 1 and 1024 (default 4).");
    }
    if (segmentBytes < 1) {
      throw new IllegalArgumentException(
          "segmentBytes = " + segmentBytes + ": must be positive (default 64 MiB).");
    }
  }

  /** The defaults: {@value #DEFAULT_PARTITIONS} partitions, 64 MiB segments. */
  public static EmbeddedBusOptions defaults() {
    return new EmbeddedBusOptions(DEFAULT_PARTITIONS, DEFAULT_SEGMENT_BYTES);
  }
}
