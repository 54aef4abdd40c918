package io.dataexport.store.bus;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Notifications for bus tests, numbered so tests can tell which came back. */
public final class TestNotifications {
  public static final String PROFILE = "profile-1";

  private TestNotifications() {}

  /** A notification of record {@code recordNumber} at {@code version}, carrying its numbers. */
  public static SyncNotification numbered(int recordNumber, long version) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("record", (long) recordNumber);
    payload.put("version", version);
    payload.put("name", "Account " + recordNumber);
    return new SyncNotification(
        PROFILE,
        "account",
        recordId(recordNumber),
        Operation.UPSERT,
        version,
        Instant.parse("2025-01-02T03:04:05.123456789Z"),
        payload);
  }

  /** {@code count} notifications of distinct records, numbered from {@code first}. */
  public static List<SyncNotification> batch(int first, int count) {
    List<SyncNotification> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batch.add(numbered(first + i, 1));
    }
    return batch;
  }

  /** A notification with a payload of about {@code bytes} bytes of text. */
  public static SyncNotification sized(int recordNumber, int bytes) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("record", (long) recordNumber);
    payload.put("description", "x".repeat(bytes));
    payload.put("revenue", new BigDecimal("1234.5600"));
    return new SyncNotification(
        PROFILE,
        "account",
        recordId(recordNumber),
        Operation.UPSERT,
        recordNumber,
        Instant.now(),
        payload);
  }

  /** A notification of record {@code recordNumber} whose payload waits in the blob store. */
  public static SyncNotification claimChecked(int recordNumber) {
    return new SyncNotification(
            PROFILE,
            "account",
            recordId(recordNumber),
            Operation.UPSERT,
            1,
            Instant.parse("2025-01-02T03:04:05.123456789Z"),
            Map.of())
        .withPayloadRef(payloadRef(recordNumber));
  }

  /** The blob key {@link #claimChecked} refers to. */
  public static String payloadRef(int recordNumber) {
    return PROFILE + "/payload/account/" + recordNumber;
  }

  public static UUID recordId(int recordNumber) {
    return new UUID(0x5eed_0000_0000_0000L, recordNumber);
  }

  public static int recordNumber(SyncNotification notification) {
    return ((Long) notification.payload().get("record")).intValue();
  }
}
