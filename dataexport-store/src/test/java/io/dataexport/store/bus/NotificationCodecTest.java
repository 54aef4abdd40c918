package io.dataexport.store.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import java.time.Instant;
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
}
