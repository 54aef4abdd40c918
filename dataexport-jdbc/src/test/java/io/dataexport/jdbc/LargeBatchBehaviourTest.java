package io.dataexport.jdbc;

import static io.dataexport.jdbc.Notifications.delete;
import static io.dataexport.jdbc.Notifications.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.destination.Destination;
import io.dataexport.api.error.PermanentException;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.schema.EntitySchema;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The large-batch half of the behaviour suite: batches as an initial sync or a re-export sends them
 * (hundreds to thousands of records), which a database may write through its bulk path (PostgreSQL:
 * {@code COPY} directly or through a staging table; MySQL: multi-row statements). They are held to
 * the same guarantees as small batches: version guards, no resurrection, per-record order, nothing
 * committed on failure, exact values. {@link DestinationBehaviourTest} extends this, so every
 * database runs it.
 */
public abstract class LargeBatchBehaviourTest extends DestinationTestSupport {
  /** More than every database's bulk path needs, in one round. */
  protected static final int LARGE = 1200;

  private static final EntitySchema ACCOUNT = TestEntities.account();

  @Test
  void largeBatchesWriteNewRowsThenOnlyNewerVersionsOverThem() throws SQLException {
    Destination destination = prepared("sales", ACCOUNT);
    destination.apply(ACCOUNT, batch(i -> upsert("account", id(i), 10, named("first-" + i))));
    clock.advance(Duration.ofMinutes(1));

    destination.apply(
        ACCOUNT,
        batch(
            i ->
                i % 2 == 0
                    ? upsert("account", id(i), 11, named("newer-" + i))
                    : upsert("account", id(i), 9, named("older-" + i))));

    Map<UUID, Map<String, Object>> rows = rowsById();
    assertThat(rows).hasSize(LARGE);
    for (int i = 0; i < LARGE; i++) {
      Map<String, Object> row = rows.get(id(i));
      boolean newer = i % 2 == 0;
      assertThat(row.get("name")).isEqualTo(newer ? "newer-" + i : "first-" + i);
      assertThat(readLong(row.get("versionnumber"))).isEqualTo(newer ? 11L : 10L);
      assertThat(readInstant(row.get("SinkCreatedOn"))).isEqualTo(T0);
      assertThat(readInstant(row.get("SinkModifiedOn")))
          .isEqualTo(newer ? T0.plus(Duration.ofMinutes(1)) : T0);
    }
  }

  @Test
  void aReplayedLargeBatchChangesNothingButSinkModifiedOn() throws SQLException {
    Destination destination = prepared("sales", ACCOUNT);
    List<SyncNotification> batch = batch(i -> upsert("account", id(i), 7, named("n" + i)));
    destination.apply(ACCOUNT, batch);
    clock.advance(Duration.ofSeconds(30));

    destination.apply(ACCOUNT, batch);

    Map<UUID, Map<String, Object>> rows = rowsById();
    assertThat(rows).hasSize(LARGE);
    assertThat(rows.values())
        .allSatisfy(
            row -> {
              assertThat(readLong(row.get("versionnumber"))).isEqualTo(7L);
              assertThat(readInstant(row.get("SinkCreatedOn"))).isEqualTo(T0);
              assertThat(readInstant(row.get("SinkModifiedOn"))).isEqualTo(T0.plusSeconds(30));
            });
  }

  @Test
  void aLargeBatchOfNewAndExistingRecordsWritesThemAll() throws SQLException {
    Destination destination = prepared("sales", ACCOUNT);
    destination.apply(ACCOUNT, batch(i -> upsert("account", id(LARGE + i), 1, named("old"))));

    // new records first, so a load that assumes new keys meets the existing ones half-way
    List<SyncNotification> mixed =
        new ArrayList<>(batch(i -> upsert("account", id(i), 2, named("new"))));
    mixed.addAll(batch(i -> upsert("account", id(LARGE + i), 2, named("updated"))));
    destination.apply(ACCOUNT, mixed);

    Map<UUID, Map<String, Object>> rows = rowsById();
    assertThat(rows).hasSize(2 * LARGE);
    for (int i = 0; i < LARGE; i++) {
      assertThat(rows.get(id(i)).get("name")).isEqualTo("new");
      assertThat(rows.get(id(LARGE + i)).get("name")).isEqualTo("updated");
      assertThat(readLong(rows.get(id(LARGE + i)).get("versionnumber"))).isEqualTo(2L);
    }
  }

  @Test
  void largeBatchesNeverResurrectDeletedRecords() throws SQLException {
    Destination destination = prepared("sales", ACCOUNT, true);
    destination.apply(ACCOUNT, batch(i -> upsert("account", id(i), 5, named("v5"))));
    destination.apply(ACCOUNT, batch(LARGE / 2, i -> delete("account", id(2 * i), 7)));

    destination.apply(ACCOUNT, batch(i -> upsert("account", id(i), 6, named("v6"))));

    Map<UUID, Map<String, Object>> rows = rowsById();
    assertThat(rows).hasSize(LARGE / 2);
    assertThat(rows.keySet())
        .allSatisfy(id -> assertThat(id.getLeastSignificantBits() % 2).isOne());
    assertThat(rows.values()).allSatisfy(r -> assertThat(r.get("name")).isEqualTo("v6"));
    assertThat(rows("sales_DeleteLog")).hasSize(LARGE / 2);

    destination.apply(ACCOUNT, batch(i -> upsert("account", id(i), 8, named("v8"))));

    assertThat(rowsById()).hasSize(LARGE);
    assertThat(rows("sales_dataexport_tombstones")).isEmpty();
  }

  @Test
  void aLargeBatchAppliesEachRecordsChangesInListOrder() throws SQLException {
    Destination destination = prepared("sales", ACCOUNT, true);
    List<SyncNotification> batch = new ArrayList<>();
    for (int i = 0; i < LARGE; i++) {
      batch.add(upsert("account", id(i), 1, named("v1")));
    }
    for (int i = 0; i < LARGE; i++) {
      batch.add(upsert("account", id(i), 2, named("v2")));
      batch.add(delete("account", id(i), 3));
    }
    for (int i = 0; i < LARGE; i += 2) {
      batch.add(upsert("account", id(i), 4, named("v4")));
      batch.add(upsert("account", id(i), 2, named("late")));
    }

    destination.apply(ACCOUNT, batch);

    Map<UUID, Map<String, Object>> rows = rowsById();
    assertThat(rows).hasSize(LARGE / 2);
    assertThat(rows.values())
        .allSatisfy(
            r -> {
              assertThat(r.get("name")).isEqualTo("v4");
              assertThat(readLong(r.get("versionnumber"))).isEqualTo(4L);
            });
    assertThat(rows("sales_DeleteLog")).hasSize(LARGE);
  }

  @Test
  void aLargeBatchWithABadValueThrowsPermanentExceptionAndCommitsNothing() throws SQLException {
    Destination destination = prepared("sales", ACCOUNT);
    UUID kept = id(-1);
    destination.apply(ACCOUNT, List.of(upsert("account", kept, 1, named("kept"))));
    UUID bad = id(LARGE - 100);
    List<SyncNotification> batch =
        new ArrayList<>(batch(i -> upsert("account", id(i), 2, named("n" + i))));
    batch.set(LARGE - 100, upsert("account", bad, 2, Map.of("numberofemployees", "many")));
    batch.add(upsert("account", kept, 2, named("changed")));

    assertThatThrownBy(() -> destination.apply(ACCOUNT, batch))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining(bad.toString())
        .hasMessageContaining("numberofemployees")
        .hasMessageContaining("many");

    assertThat(onlyRow("sales_account").get("name")).isEqualTo("kept");
  }

  @Test
  void everyValueRoundTripsExactlyInALargeBatch() throws SQLException {
    Destination destination = prepared("sales", ACCOUNT);
    Map<UUID, Map<String, Object>> special =
        Map.of(id(0), lowValues(), id(1), highValues(), id(2), nulls());
    destination.apply(
        ACCOUNT,
        batch(i -> upsert("account", id(i), i, special.getOrDefault(id(i), named("filler")))));

    Map<UUID, Map<String, Object>> rows = rowsById();
    for (UUID id : List.of(id(0), id(1))) {
      Map<String, Object> sent = special.get(id);
      Map<String, Object> row = rows.get(id);
      assertTextNumbersAndTimesAsSent(row, sent);
      assertThat(readBoolean(row.get("donotemail"))).isEqualTo(sent.get("donotemail"));
      assertThat(readGuid(row.get("primarycontactid"))).isEqualTo(id(7));
      assertThat(row.get("primarycontactid_entitytype")).isEqualTo("contact");
      assertThat(readGuid(row.get("ownerid"))).isEqualTo(id(8));
      assertThat(row.get("ownerid_entitytype")).isEqualTo("team");
      assertThat(readLong(row.get("industrycode"))).isEqualTo(sent.get("industrycode"));
      assertThat(readGuid(row.get("new_externalid")))
          .isEqualTo(UUID.fromString((String) sent.get("new_externalid")));
      assertThat(readLong(row.get("versionnumber"))).isEqualTo(id.getLeastSignificantBits());
    }
    List<String> attributeColumns = columns("sales_account");
    attributeColumns.removeAll(List.of("Id", "versionnumber", "SinkCreatedOn", "SinkModifiedOn"));
    Map<String, Object> empty = rows.get(id(2));
    assertThat(attributeColumns).allSatisfy(c -> assertThat(empty.get(c)).as(c).isNull());
  }

  @Test
  void aLargeBatchAfterTheSchemaGrewFillsTheNewColumnAndWidensStrings() throws SQLException {
    Destination destination = prepared("sales", ACCOUNT);
    destination.apply(ACCOUNT, batch(i -> upsert("account", id(i), 1, named("short"))));
    EntitySchema grown = TestEntities.accountWithRating();
    destination.prepare(List.of(grown), false);
    String longer = "Ø".repeat(300);
    String beyondTheColumn = "東京🚀".repeat(200);

    destination.apply(
        grown,
        batch(
            i -> {
              Map<String, Object> payload = new HashMap<>();
              payload.put("name", i == 5 ? beyondTheColumn : longer);
              payload.put("new_rating", (long) i);
              return upsert("account", id(i + LARGE / 2), 2, payload);
            }));

    Map<UUID, Map<String, Object>> rows = rowsById();
    assertThat(rows).hasSize(LARGE + LARGE / 2);
    assertThat(rows.get(id(0)).get("name")).isEqualTo("short");
    assertThat(readLong(rows.get(id(0)).get("new_rating"))).isNull();
    assertThat(rows.get(id(LARGE / 2 + 5)).get("name")).isEqualTo(beyondTheColumn);
    assertThat(rows.get(id(LARGE / 2 + 7)).get("name")).isEqualTo(longer);
    assertThat(readLong(rows.get(id(LARGE / 2 + 7)).get("new_rating"))).isEqualTo(7L);
    assertThat(readLong(rows.get(id(LARGE + 100)).get("versionnumber"))).isEqualTo(2L);
  }

  /** Record {@code i}'s id; distinct for every int, including negative ones. */
  protected static UUID id(int i) {
    return new UUID(0x5a1e5L, i);
  }

  /** {@link #LARGE} notifications, the {@code i}-th made by {@code change}. */
  protected static List<SyncNotification> batch(IntFunction<SyncNotification> change) {
    return batch(LARGE, change);
  }

  protected static List<SyncNotification> batch(int size, IntFunction<SyncNotification> change) {
    List<SyncNotification> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      batch.add(change.apply(i));
    }
    return batch;
  }

  protected static Map<String, Object> named(String name) {
    return Map.of("name", name, "revenue", new BigDecimal("12.3400"), "donotemail", false);
  }

  protected Map<UUID, Map<String, Object>> rowsById() throws SQLException {
    return rows("sales_account").stream()
        .collect(Collectors.toMap(r -> readGuid(r.get("Id")), Function.identity()));
  }

  /**
   * The account row holds the text, numbers, times and multi-select values {@code sent}: {@code
   * name}, {@code description}, {@code numberofemployees}, {@code new_bigcount}, {@code
   * exchangerate}, {@code address1_latitude}, {@code revenue}, {@code createdon}, {@code
   * new_foundedon}, {@code new_channels}.
   */
  protected void assertTextNumbersAndTimesAsSent(
      Map<String, Object> row, Map<String, Object> sent) {
    assertThat(row.get("name")).isEqualTo(sent.get("name"));
    assertThat(row.get("description")).isEqualTo(sent.get("description"));
    assertThat(readLong(row.get("numberofemployees"))).isEqualTo(sent.get("numberofemployees"));
    assertThat(readLong(row.get("new_bigcount"))).isEqualTo(sent.get("new_bigcount"));
    assertThat(readDecimal(row.get("exchangerate")))
        .isEqualByComparingTo((BigDecimal) sent.get("exchangerate"));
    assertThat(readDouble(row.get("address1_latitude")))
        .isEqualTo(((BigDecimal) sent.get("address1_latitude")).doubleValue());
    assertThat(readDecimal(row.get("revenue")))
        .isEqualByComparingTo((BigDecimal) sent.get("revenue"));
    assertThat(readInstant(row.get("createdon")))
        .isEqualTo(Instant.parse((String) sent.get("createdon")));
    assertThat(readDate(row.get("new_foundedon")))
        .isEqualTo(LocalDate.parse((String) sent.get("new_foundedon")));
    assertThat(row.get("new_channels")).isEqualTo(sent.get("new_channels"));
  }

  private static Map<String, Object> lowValues() {
    Map<String, Object> low = new HashMap<>();
    low.put("name", "");
    low.put("description", "tab\there, back\\slash, \\N, new\nline\r\nend  ");
    low.put("numberofemployees", (long) Integer.MIN_VALUE);
    low.put("new_bigcount", Long.MIN_VALUE);
    low.put("exchangerate", new BigDecimal("-99999999999.9999999999"));
    low.put("address1_latitude", new BigDecimal("-90.00001"));
    low.put("revenue", new BigDecimal("-922337203685477.5808"));
    low.put("donotemail", false);
    low.put("createdon", "1753-01-01T00:00:00Z");
    low.put("new_foundedon", "1753-01-01");
    low.put("primarycontactid", Map.of("id", id(7).toString(), "logicalName", "contact"));
    low.put("ownerid", Map.of("id", id(8).toString(), "logicalName", "team"));
    low.put("industrycode", 0L);
    low.put("new_channels", "-1");
    low.put("new_externalid", "00000000-0000-0000-0000-000000000000");
    return low;
  }

  private static Map<String, Object> highValues() {
    Map<String, Object> high = new HashMap<>();
    high.put("name", "𠀀𠀁 עברית العربية e\u0301 'q' \"dq\" 🇩🇪");
    high.put("description", "m".repeat(10_000) + " Zeilen\r\nmit\ttabs 👩‍👩‍👧‍👦");
    high.put("numberofemployees", (long) Integer.MAX_VALUE);
    high.put("new_bigcount", Long.MAX_VALUE);
    high.put("exchangerate", new BigDecimal("0.0000000001"));
    high.put("address1_latitude", new BigDecimal("47.6062095"));
    high.put("revenue", new BigDecimal("922337203685477.5807"));
    high.put("donotemail", true);
    high.put("createdon", "9999-12-31T23:59:59.123456Z");
    high.put("new_foundedon", "9999-12-31");
    high.put("primarycontactid", Map.of("id", id(7).toString(), "logicalName", "contact"));
    high.put("ownerid", Map.of("id", id(8).toString(), "logicalName", "team"));
    high.put("industrycode", 2L);
    high.put("new_channels", "100000000,100000001,100000002");
    high.put("new_externalid", "A0B1C2D3-E4F5-4A6B-8C7D-9E0F1A2B3C4D");
    return high;
  }

  private static Map<String, Object> nulls() {
    Map<String, Object> nulls = new HashMap<>();
    lowValues().keySet().forEach(k -> nulls.put(k, null));
    return nulls;
  }
}
