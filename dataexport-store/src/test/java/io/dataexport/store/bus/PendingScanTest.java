package io.dataexport.store.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.notification.SyncNotification;
import io.dataexport.codec.NotificationCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan of a partition's pending records, also when segments are deleted under it. */
class PendingScanTest {
  @TempDir Path directory;

  private final NotificationCodec codec = new NotificationCodec();
  private PartitionLog log;

  @BeforeEach
  void open() throws IOException {
    log = PartitionLog.open(0, directory, 512);
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      SyncNotification notification =
          i % 2 == 0 ? TestNotifications.claimChecked(i) : TestNotifications.numbered(i, 1);
      records.add(codec.encode(notification));
    }
    log.append(records);
    assertThat(log.segmentCount()).isGreaterThan(5);
  }

  @AfterEach
  void close() throws IOException {
    log.close();
  }

  @Test
  void theRefsFromTheCommittedOffsetOnAreFound() throws IOException {
    Set<String> refs = new HashSet<>();

    new PendingScan(codec).payloadRefs(log, () -> 60, refs);

    assertThat(refs).containsExactlyInAnyOrderElementsOf(evenRefs(60, 100));
  }

  @Test
  void segmentsDeletedUnderTheScanAreSkipped() throws IOException {
    AtomicLong committed = new AtomicLong(0);
    Set<String> refs =
        new HashSet<>() {
          @Override
          public boolean add(String ref) {
            if (isEmpty()) {
              // the group acknowledges meanwhile and the segments it consumed go
              committed.set(70);
              log.deleteSegmentsBelow(70);
            }
            return super.add(ref);
          }
        };

    new PendingScan(codec).payloadRefs(log, committed::get, refs);

    assertThat(log.startOffset()).isGreaterThan(0);
    assertThat(refs).contains(TestNotifications.payloadRef(0)).containsAll(evenRefs(70, 100));
  }

  @Test
  void aReaderWhoseSegmentIsDeletedBetweenHasNextAndNextSaysSo() throws IOException {
    try (PartitionReader reader = new PartitionReader(log, 0)) {
      assertThat(reader.hasNext()).isTrue();
      log.deleteSegmentsBelow(70);

      assertThatThrownBy(reader::next).isInstanceOf(NoSuchFileException.class);
      reader.skipTo(70);
      assertThat(reader.hasNext()).isTrue();
      assertThat(codec.decode(reader.next()).recordId()).isEqualTo(TestNotifications.recordId(70));
    }
  }

  @Test
  void aRecordPublishedAfterTheScanBeganIsNotWaitedFor() throws IOException {
    Set<String> refs =
        new HashSet<>() {
          @Override
          public boolean add(String ref) {
            if (isEmpty()) {
              try {
                log.append(List.of(codec.encode(TestNotifications.claimChecked(1000))));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
            return super.add(ref);
          }
        };

    new PendingScan(codec).payloadRefs(log, () -> 90, refs);

    assertThat(refs).containsExactlyInAnyOrderElementsOf(evenRefs(90, 100));
  }

  private static List<String> evenRefs(int from, int to) {
    List<String> refs = new ArrayList<>();
    for (int i = from; i < to; i += 2) {
      refs.add(TestNotifications.payloadRef(i));
    }
    return refs;
  }
}
