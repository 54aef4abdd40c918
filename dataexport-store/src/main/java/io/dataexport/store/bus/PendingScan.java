package io.dataexport.store.bus;

import io.dataexport.codec.NotificationCodec;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Reads what a consumer group has still to handle in one partition without moving anything: a
 * reader of its own from the group's committed offset to the partition's end as the scan begins.
 * Only the payload references are taken ({@link NotificationCodec#payloadRef}), so notifications
 * carrying their payload inline cost little more than reading their bytes.
 */
final class PendingScan {
  private final NotificationCodec codec;

  PendingScan(NotificationCodec codec) {
    this.codec = codec;
  }

  /**
   * Adds the payload references of the records of {@code log} from the group's committed offset to
   * the log's end as the scan begins.
   *
   * <p>A segment is deleted only after every group has committed past it, and a group only moves
   * forward: a segment that disappears under the scan held records the group has acknowledged
   * since, so the scan goes on from the group's committed offset.
   *
   * @param committed the group's committed offset in this partition now; negative for a group that
   *     never subscribed (the scan then starts at the oldest record kept)
   */
  void payloadRefs(PartitionLog log, LongSupplier committed, Set<String> into) throws IOException {
    long end = log.endOffset();
    try (PartitionReader reader = new PartitionReader(log, Math.max(0, committed.getAsLong()))) {
      while (reader.hasNext() && reader.position() < end) {
        byte[] record;
        try {
          record = reader.next();
        } catch (NoSuchFileException e) {
          long consumed = Math.max(log.startOffset(), committed.getAsLong());
          if (reader.position() >= consumed) {
            throw e;
          }
          reader.skipTo(consumed);
          continue;
        }
        codec.payloadRef(record).ifPresent(into::add);
      }
    }
  }
}
