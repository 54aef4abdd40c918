package io.dataexport.jdbc;

import static io.dataexport.jdbc.Notifications.delete;
import static io.dataexport.jdbc.Notifications.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dataexport.api.destination.ApplyResult;
import io.dataexport.api.destination.Destination;
import io.dataexport.api.destination.RefusedDelete;
import io.dataexport.api.schema.EntitySchema;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The delete half of the behaviour suite: version-guarded deletes, tombstones, the delete log, and
 * the sweep that ends a full read. {@link DestinationBehaviourTest} extends this (through {@link
 * DropTablesBehaviourTest}), so every database runs it.
 */
public abstract class DeleteBehaviourTest extends LargeBatchBehaviourTest {
  private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  private static final EntitySchema ACCOUNT = TestEntities.account();

  @Test
  void aDeletedRecordIsNotResurrectedByAnOlderUpdate() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());
    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 5, Map.of("name", "A"))));

    destination.apply(TestEntities.account(), List.of(delete("account", A, 7)));
    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 6, Map.of("name", "Late"))));

    assertThat(rows("sales_account")).isEmpty();
  }

  @Test
  void aDeleteBeforeAnyUpsertStillBlocksOlderUpdates() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());

    destination.apply(TestEntities.account(), List.of(delete("account", A, 7)));
    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 6, Map.of("name", "Late"))));

    assertThat(rows("sales_account")).isEmpty();
  }

  @Test
  void aNewerUpsertAfterADeleteRecreatesTheRecord() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());
    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 5, Map.of("name", "A"))));
    destination.apply(TestEntities.account(), List.of(delete("account", A, 7)));

    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 9, Map.of("name", "Again"))));
    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 8, Map.of("name", "Late"))));

    Map<String, Object> row = onlyRow("sales_account");
    assertThat(row.get("name")).isEqualTo("Again");
    assertThat(readLong(row.get("versionnumber"))).isEqualTo(9L);
  }

  @Test
  void aDeleteOlderThanTheRowLeavesTheRow() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());
    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 9, Map.of("name", "A"))));

    ApplyResult result =
        destination.apply(TestEntities.account(), List.of(delete("account", A, 8)));

    assertThat(onlyRow("sales_account").get("name")).isEqualTo("A");
    assertThat(result.refusedDeletes()).containsExactly(new RefusedDelete(A, 8, 9));
  }

  @Test
  void appliedDeletesAreLoggedOnceWhenTheProfileAsks() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account(), true);
    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 1, Map.of("name", "A"))));
    clock.advance(Duration.ofSeconds(1));

    destination.apply(TestEntities.account(), List.of(delete("account", A, 2)));
    destination.apply(TestEntities.account(), List.of(delete("account", A, 2)));
    destination.apply(TestEntities.account(), List.of(delete("account", B, 4)));

    List<Map<String, Object>> log = rows("sales_DeleteLog");
    assertThat(log)
        .extracting(
            r -> readLong(r.get("Id")),
            r -> r.get("EntityName"),
            r -> readGuid(r.get("RecordId")),
            r -> readInstant(r.get("SinkDeleteTime")),
            r -> readLong(r.get("VersionNumber")))
        .containsExactly(
            tuple(1L, "account", A, T0.plusSeconds(1), 2L),
            tuple(2L, "account", B, T0.plusSeconds(1), 4L));
    assertThat(rows("sales_account")).isEmpty();
  }

  @Test
  void sweepDeletesOnlyRowsNotWrittenSince() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());
    destination.apply(
        TestEntities.account(),
        List.of(
            upsert("account", A, 1, Map.of("name", "A")),
            upsert("account", B, 1, Map.of("name", "B"))));
    Instant resyncStart = T0.plusSeconds(60);
    clock.set(resyncStart);
    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 1, Map.of("name", "A"))));

    long swept = destination.sweep(TestEntities.account(), resyncStart, Set.of());

    assertThat(swept).isEqualTo(1);
    assertThat(rows("sales_account")).extracting(r -> readGuid(r.get("Id"))).containsExactly(A);
    assertThat(destination.sweep(TestEntities.account(), resyncStart, Set.of())).isZero();
  }

  @Test
  void sweepKeepsRowsWrittenWithinTheSameMicrosecond() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());
    clock.set(T0.plusNanos(400));
    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 1, Map.of("name", "A"))));

    assertThat(destination.sweep(TestEntities.account(), T0.plusNanos(900), Set.of())).isZero();
    assertThat(destination.sweep(TestEntities.account(), T0.plusNanos(1_000), Set.of()))
        .isEqualTo(1);
  }

  @Test
  void aLateUpsertAtTheDeletesOwnVersionDoesNotBringTheRowBack() throws SQLException {
    // A deletion carries the highest version its reader had seen: when the deleted record was the
    // last change read, that is the version of the record's own last upsert. A late try of that
    // upsert (parked, or redelivered) comes after the delete and must lose.
    Destination destination = prepared("sales", ACCOUNT, true);
    destination.apply(ACCOUNT, List.of(upsert("account", A, 5, Map.of("name", "A"))));
    destination.apply(ACCOUNT, List.of(delete("account", A, 5)));

    destination.apply(ACCOUNT, List.of(upsert("account", A, 5, Map.of("name", "A"))));

    assertThat(rows("sales_account")).isEmpty();
    assertThat(rows("sales_DeleteLog")).hasSize(1);
    destination.apply(ACCOUNT, List.of(upsert("account", A, 6, Map.of("name", "Again"))));
    assertThat(onlyRow("sales_account").get("name")).isEqualTo("Again");
  }

  @Test
  void aDeleteOfARecordWithoutRowIsNotRefused() throws SQLException {
    Destination destination = prepared("sales", ACCOUNT);

    assertThat(destination.apply(ACCOUNT, List.of(delete("account", A, 3))).refusedDeletes())
        .isEmpty();
  }

  @Test
  void sweptRowsLeaveTombstonesAndDeleteLogRowsAtTheirOwnVersion() throws SQLException {
    Destination destination = prepared("sales", ACCOUNT, true);
    destination.apply(
        ACCOUNT,
        List.of(
            upsert("account", A, 4, Map.of("name", "A")),
            upsert("account", B, 6, Map.of("name", "B"))));
    Instant passStart = T0.plusSeconds(60);
    clock.set(passStart.plusSeconds(1));

    assertThat(destination.sweep(ACCOUNT, passStart, Set.of())).isEqualTo(2);

    assertThat(rows("sales_DeleteLog"))
        .extracting(r -> readGuid(r.get("RecordId")), r -> readLong(r.get("VersionNumber")))
        .containsExactlyInAnyOrder(tuple(A, 4L), tuple(B, 6L));
    // a late try of what the row held stays out; a newer version (re-created) comes back
    destination.apply(
        ACCOUNT,
        List.of(
            upsert("account", A, 4, Map.of("name", "late")),
            upsert("account", B, 7, Map.of("name", "B again"))));
    assertThat(onlyRow("sales_account").get("name")).isEqualTo("B again");
  }

  @Test
  void theSweepKeepsTheRowsOfRecordsItIsToldToKeep() throws SQLException {
    Destination destination = prepared("sales", ACCOUNT, true);
    destination.apply(
        ACCOUNT,
        List.of(
            upsert("account", A, 4, Map.of("name", "A")),
            upsert("account", B, 6, Map.of("name", "B"))));
    clock.advance(Duration.ofMinutes(1));

    assertThat(destination.sweep(ACCOUNT, clock.instant(), Set.of(A))).isEqualTo(1);

    assertThat(onlyRow("sales_account").get("name")).isEqualTo("A");
    // its parked notification, at the same version, still applies
    destination.apply(ACCOUNT, List.of(upsert("account", A, 4, Map.of("name", "A2"))));
    assertThat(onlyRow("sales_account").get("name")).isEqualTo("A2");
  }

  @Test
  void theSweepPagesThroughMoreRowsThanOneTransactionTakes() throws SQLException {
    Destination destination = prepared("sales", ACCOUNT, true);
    int rows = 2 * LARGE + 300; // more than two of the sweep's pages
    List<UUID> kept = List.of(id(7), id(LARGE + 1), id(rows - 1));
    destination.apply(ACCOUNT, batch(rows, i -> upsert("account", id(i), 3, named("n" + i))));
    clock.advance(Duration.ofMinutes(1));
    destination.apply(ACCOUNT, batch(10, i -> upsert("account", id(100 + i), 3, named("again"))));

    long swept = destination.sweep(ACCOUNT, clock.instant(), Set.copyOf(kept));

    assertThat(swept).isEqualTo(rows - 10 - kept.size());
    assertThat(rowsById().keySet())
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(kept.stream(), IntStream.range(100, 110).mapToObj(i -> id(i))).toList());
    assertThat(rows("sales_DeleteLog")).hasSize((int) swept);
  }
}
