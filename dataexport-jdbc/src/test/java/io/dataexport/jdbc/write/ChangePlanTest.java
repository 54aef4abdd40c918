package io.dataexport.jdbc.write;

import static io.dataexport.jdbc.Notifications.delete;
import static io.dataexport.jdbc.Notifications.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.notification.SyncNotification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChangePlanTest {
  private static final UUID A = UUID.randomUUID();
  private static final UUID B = UUID.randomUUID();

  @Test
  void oneChangePerRecordMakesOneRound() {
    List<SyncNotification> batch =
        List.of(upsert("account", A, 1, Map.of()), delete("account", B, 2));

    assertThat(ChangePlan.rounds(batch)).containsExactly(batch);
  }

  @Test
  void consecutiveUpsertsOfARecordCollapseToTheNewest() {
    SyncNotification newest = upsert("account", A, 5, Map.of("name", "newest"));
    SyncNotification replayOfNewest = upsert("account", A, 5, Map.of("name", "replay"));

    assertThat(
            ChangePlan.rounds(
                List.of(
                    upsert("account", A, 3, Map.of()), newest, upsert("account", A, 4, Map.of()))))
        .containsExactly(List.of(newest));
    assertThat(ChangePlan.rounds(List.of(newest, replayOfNewest)))
        .containsExactly(List.of(replayOfNewest));
  }

  @Test
  void aRecordsChangesAroundADeleteGoToSuccessiveRounds() {
    SyncNotification a1 = upsert("account", A, 1, Map.of());
    SyncNotification b1 = upsert("account", B, 1, Map.of());
    SyncNotification a2 = delete("account", A, 2);
    SyncNotification a3 = upsert("account", A, 3, Map.of());
    SyncNotification b2 = upsert("account", B, 2, Map.of());

    assertThat(ChangePlan.rounds(List.of(a1, b1, a2, a3, b2)))
        .containsExactly(List.of(a1, b2), List.of(a2), List.of(a3));
  }

  @Test
  void deletesNeverCollapse() {
    SyncNotification first = delete("account", A, 2);
    SyncNotification second = delete("account", A, 4);

    assertThat(ChangePlan.rounds(List.of(first, second)))
        .containsExactly(List.of(first), List.of(second));
  }
}
