package io.dataexport.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationCodecTest {
  private final NotificationCodec codec = new NotificationCodec();

  @Test
  void aClaimCheckReferenceSurvivesTheCodecAndAnInlinePayloadHasNone() {
    SyncNotification inline =
        new SyncNotification(
            "p1",
            "account",
            UUID.randomUUID(),
            Operation.UPSERT,
            5,
            Instant.parse("2025-01-01T00:00:00Z"),
            Map.of("name", "Contoso"));
    SyncNotification referenced = inline.withPayloadRef("p1/payload/account/x-5-y");

    assertThat(codec.decode(codec.encode(inline))).isEqualTo(inline);
    assertThat(codec.decode(codec.encode(inline)).payloadRef()).isNull();
    assertThat(codec.decode(codec.encode(referenced))).isEqualTo(referenced);
    assertThat(referenced.payload()).isEmpty();
  }

  @Test
  void thePayloadRefIsReadWithoutDecodingTheNotification() {
    SyncNotification inline =
        new SyncNotification(
            "p1",
            "account",
            UUID.randomUUID(),
            Operation.UPSERT,
            5,
            Instant.parse("2025-01-01T00:00:00Z"),
            Map.of("name", "Contoso", "nested", Map.of("a", List.of(1L, "b"))));
    SyncNotification deleted =
        new SyncNotification(
            "p1", "account", UUID.randomUUID(), Operation.DELETE, 6, Instant.now(), Map.of());
    SyncNotification referenced = inline.withPayloadRef("p1/payload/account/x-5-y");

    assertThat(codec.payloadRef(codec.encode(inline))).isEmpty();
    assertThat(codec.payloadRef(codec.encode(deleted))).isEmpty();
    assertThat(codec.payloadRef(codec.encode(referenced))).contains("p1/payload/account/x-5-y");
    byte[] legacy =
        ("{\"profileId\":\"p1\",\"entity\":\"account\",\"recordId\":\""
                + UUID.randomUUID()
                + "\",\"operation\":\"UPSERT\",\"version\":3,\"syncTime\":"
                + "\"2025-01-01T00:00:00Z\",\"payload\":{},\"payloadRef\":\"p1/payload/a/old\"}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(codec.payloadRef(legacy)).contains("p1/payload/a/old");
  }

  @Test
  void aPayloadRefOfBytesThatAreNoNotificationIsRefused() {
    byte[] record =
        codec.encode(
            new SyncNotification(
                    "p1",
                    "account",
                    UUID.randomUUID(),
                    Operation.DELETE,
                    6,
                    Instant.now(),
                    Map.of())
                .withPayloadRef("p1/payload/account/x"));

    for (int length = 0; length < record.length; length++) {
      byte[] cut = Arrays.copyOf(record, length);
      assertThatThrownBy(() -> codec.payloadRef(cut))
          .as("cut to %d bytes", length)
          .isInstanceOf(IllegalStateException.class);
    }
  }
}
