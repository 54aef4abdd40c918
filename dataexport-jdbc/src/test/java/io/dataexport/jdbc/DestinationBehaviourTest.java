package io.dataexport.jdbc;

import static io.dataexport.jdbc.Notifications.delete;
import static io.dataexport.jdbc.Notifications.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dataexport.api.destination.Destination;
import io.dataexport.api.error.PermanentException;
import io.dataexport.api.error.Problem;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.profile.DestinationConfig;
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
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every SQL destination does, whatever the database: one abstract suite, one small subclass
 * per database supplying an isolated, empty database (see {@link DestinationTestSupport}). The
 * guarantees for large batches, which may take a database's bulk path, are in {@link
 * LargeBatchBehaviourTest}, those of deletes and sweeps in {@link DeleteBehaviourTest}, dropping
 * the service's tables (uninstalling) in {@link DropTablesBehaviourTest}; this suite extends them
 * all.
 */
public abstract class DestinationBehaviourTest extends DropTablesBehaviourTest {
  private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  private static final UUID CONTACT = UUID.fromString("c0000000-0000-0000-0000-000000000001");
  private static final UUID TEAM = UUID.fromString("7e000000-0000-0000-0000-000000000001");

  // --- creating and evolving the schema

  @Test
  void prepareCreatesTheDesTableOfAnEntity() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());

    assertThat(columns("sales_account"))
        .containsExactly(
            "Id",
            "name",
            "description",
            "numberofemployees",
            "new_bigcount",
            "exchangerate",
            "address1_latitude",
            "revenue",
            "donotemail",
            "createdon",
            "new_foundedon",
            "primarycontactid",
            "primarycontactid_entitytype",
            "new_customerid",
            "new_customerid_entitytype",
            "ownerid",
            "ownerid_entitytype",
            "industrycode",
            "new_region",
            "statecode",
            "statuscode",
            "new_channels",
            "new_externalid",
            "owneridtype",
            "versionnumber",
            "SinkCreatedOn",
            "SinkModifiedOn");
    assertThat(destination.validate()).isEmpty();
  }

  @Test
  void prepareCreatesTheMetadataTablesWithTheirDesColumns() throws SQLException {
    prepared("sales", TestEntities.account());

    assertThat(columns("sales_OptionSetMetadata"))
        .containsExactly(
            "EntityName",
            "OptionSetName",
            "Option",
            "IsUserLocalizedLabel",
            "LocalizedLabelLanguageCode",
            "LocalizedLabel");
    assertThat(columns("sales_GlobalOptionSetMetadata"))
        .containsExactly(
            "OptionSetName",
            "Option",
            "IsUserLocalizedLabel",
            "LocalizedLabelLanguageCode",
            "LocalizedLabel",
            "GlobalOptionSetName",
            "EntityName");
    assertThat(columns("sales_StateMetadata"))
        .containsExactly(
            "EntityName",
            "State",
            "IsUserLocalizedLabel",
            "LocalizedLabelLanguageCode",
            "LocalizedLabel");
    assertThat(columns("sales_StatusMetadata"))
        .containsExactly(
            "EntityName",
            "State",
            "Status",
            "IsUserLocalizedLabel",
            "LocalizedLabelLanguageCode",
            "LocalizedLabel");
    assertThat(columns("sales_TargetMetadata"))
        .containsExactly("EntityName", "AttributeName", "ReferencedEntity", "ReferencedAttribute");
    assertThat(columns("sales_AttributeMetadata"))
        .containsExactly(
            "Id",
            "EntityName",
            "AttributeName",
            "AttributeType",
            "AttributeTypeCode",
            "Version",
            "Timestamp",
            "MetadataId",
            "Precision",
            "MaxLength");
    assertThat(columns("sales_DeleteLog")).isEmpty();
  }

  @Test
  void withoutPrefixTablesHaveTheirBareNames() throws SQLException {
    prepared(null, TestEntities.account());

    assertThat(columns("account")).contains("Id", "name", "versionnumber");
    assertThat(columns("OptionSetMetadata")).contains("EntityName");
  }

  @Test
  void intersectEntitiesGetATableNamedAfterThem() throws SQLException {
    Destination destination = prepared("sales", TestEntities.accountLeads());
    UUID link = UUID.randomUUID();

    destination.apply(
        TestEntities.accountLeads(),
        List.of(
            upsert(
                "accountleads",
                link,
                3,
                Map.of(
                    "accountleadid",
                    link.toString(),
                    "accountid",
                    A.toString(),
                    "leadid",
                    B.toString()))));

    assertThat(columns("sales_accountleads"))
        .containsExactly(
            "Id", "accountid", "leadid", "versionnumber", "SinkCreatedOn", "SinkModifiedOn");
    Map<String, Object> row = onlyRow("sales_accountleads");
    assertThat(readGuid(row.get("Id"))).isEqualTo(link);
    assertThat(readGuid(row.get("accountid"))).isEqualTo(A);
    assertThat(readGuid(row.get("leadid"))).isEqualTo(B);
  }

  @Test
  void aSecondPrepareAddsColumnsForNewAttributesAndKeepsTheRows() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());
    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 1, Map.of("name", "A"))));

    destination.prepare(List.of(TestEntities.accountWithRating()), false);
    destination.prepare(List.of(TestEntities.accountWithRating()), false);
    destination.apply(
        TestEntities.accountWithRating(),
        List.of(upsert("account", B, 2, Map.of("name", "B".repeat(300), "new_rating", 5L))));

    assertThat(columns("sales_account")).endsWith("SinkModifiedOn", "new_rating");
    List<Map<String, Object>> rows = rows("sales_account");
    assertThat(rows).extracting(r -> r.get("name")).containsExactly("A", "B".repeat(300));
    assertThat(rows).extracting(r -> readLong(r.get("new_rating"))).containsExactly(null, 5L);
  }

  // --- writing

  @Test
  void anUpsertWritesTheRowWithItsVersionAndSinkTimes() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());

    destination.apply(
        TestEntities.account(),
        List.of(upsert("account", A, 10, Map.of("name", "Contoso", "numberofemployees", 12L))));

    Map<String, Object> row = onlyRow("sales_account");
    assertThat(readGuid(row.get("Id"))).isEqualTo(A);
    assertThat(row.get("name")).isEqualTo("Contoso");
    assertThat(readLong(row.get("numberofemployees"))).isEqualTo(12L);
    assertThat(readLong(row.get("versionnumber"))).isEqualTo(10L);
    assertThat(readInstant(row.get("SinkCreatedOn"))).isEqualTo(T0);
    assertThat(readInstant(row.get("SinkModifiedOn"))).isEqualTo(T0);
  }

  @Test
  void aNewerUpsertOverwritesAndKeepsSinkCreatedOn() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());
    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 10, Map.of("name", "Old"))));
    clock.advance(Duration.ofMinutes(5));

    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 11, Map.of("name", "New"))));

    Map<String, Object> row = onlyRow("sales_account");
    assertThat(row.get("name")).isEqualTo("New");
    assertThat(readLong(row.get("versionnumber"))).isEqualTo(11L);
    assertThat(readInstant(row.get("SinkCreatedOn"))).isEqualTo(T0);
    assertThat(readInstant(row.get("SinkModifiedOn"))).isEqualTo(T0.plus(Duration.ofMinutes(5)));
  }

  @Test
  void aReplayedNotificationChangesNothingButSinkModifiedOn() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());
    SyncNotification change = upsert("account", A, 10, Map.of("name", "Contoso"));
    destination.apply(TestEntities.account(), List.of(change));
    Map<String, Object> before = onlyRow("sales_account");
    clock.advance(Duration.ofSeconds(30));

    destination.apply(TestEntities.account(), List.of(change));

    Map<String, Object> after = onlyRow("sales_account");
    Map<String, Object> withoutModifiedOn = new TreeMap<>(after);
    withoutModifiedOn.put("SinkModifiedOn", before.get("SinkModifiedOn"));
    assertThat(withoutModifiedOn).isEqualTo(before);
    assertThat(readInstant(after.get("SinkModifiedOn"))).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void anOlderUpdateArrivingLateIsIgnored() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());
    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 20, Map.of("name", "Newer"))));
    clock.advance(Duration.ofMinutes(1));

    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 19, Map.of("name", "Older"))));

    Map<String, Object> row = onlyRow("sales_account");
    assertThat(row.get("name")).isEqualTo("Newer");
    assertThat(readLong(row.get("versionnumber"))).isEqualTo(20L);
    assertThat(readInstant(row.get("SinkModifiedOn"))).isEqualTo(T0);
  }

  @Test
  void aBatchAppliesEachRecordsNotificationsInListOrder() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account(), true);

    destination.apply(
        TestEntities.account(),
        List.of(
            upsert("account", A, 1, Map.of("name", "A1")),
            upsert("account", B, 1, Map.of("name", "B1")),
            upsert("account", A, 2, Map.of("name", "A2")),
            delete("account", A, 3),
            delete("account", B, 2),
            upsert("account", A, 4, Map.of("name", "A4")),
            upsert("account", B, 1, Map.of("name", "B-late"))));

    Map<String, Object> row = onlyRow("sales_account");
    assertThat(readGuid(row.get("Id"))).isEqualTo(A);
    assertThat(row.get("name")).isEqualTo("A4");
    assertThat(rows("sales_DeleteLog"))
        .extracting(r -> readGuid(r.get("RecordId")), r -> readLong(r.get("VersionNumber")))
        .containsExactlyInAnyOrder(tuple(A, 3L), tuple(B, 2L));
  }

  @Test
  void unknownPayloadKeysAreIgnoredAndMissingAttributesWrittenAsNull() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());
    destination.apply(
        TestEntities.account(),
        List.of(upsert("account", A, 1, Map.of("name", "A", "numberofemployees", 3L))));

    destination.apply(
        TestEntities.account(),
        List.of(upsert("account", A, 2, Map.of("name", "A", "not_in_schema", "x"))));

    Map<String, Object> row = onlyRow("sales_account");
    assertThat(row.get("name")).isEqualTo("A");
    assertThat(row.get("numberofemployees")).isNull();
    assertThat(row).doesNotContainKey("not_in_schema");
  }

  @Test
  void everyAttributeTypeRoundTripsExactly() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());
    UUID external = UUID.fromString("a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d");
    Map<String, Object> payload = new HashMap<>();
    payload.put("accountid", A.toString());
    payload.put("name", "Ødegaard 東京 🚀 \"quoted\" 'single' ; DROP TABLE x --");
    payload.put("description", "line one\nline two\ttabbed — ünïcödé");
    payload.put("numberofemployees", (long) Integer.MAX_VALUE);
    payload.put("new_bigcount", Long.MAX_VALUE - 1);
    payload.put("exchangerate", new BigDecimal("0.0000000001"));
    payload.put("address1_latitude", new BigDecimal("47.6062095"));
    payload.put("revenue", new BigDecimal("922337203685477.5807"));
    payload.put("donotemail", true);
    payload.put("createdon", "2023-04-07T21:59:01Z");
    payload.put("new_foundedon", "1999-12-31");
    payload.put("primarycontactid", Map.of("id", CONTACT.toString(), "logicalName", "contact"));
    payload.put("new_customerid", Map.of("id", B.toString(), "logicalName", "account"));
    payload.put("ownerid", Map.of("id", TEAM.toString(), "logicalName", "team"));
    payload.put("industrycode", 2L);
    payload.put("new_region", 100000001L);
    payload.put("statecode", 1L);
    payload.put("statuscode", 2L);
    payload.put("new_channels", "1,3");
    payload.put("new_externalid", external.toString().toUpperCase());
    payload.put("owneridtype", "team");
    payload.put("versionnumber", 999L);
    Map<String, Object> nulls = new HashMap<>();
    payload.keySet().forEach(k -> nulls.put(k, null));

    destination.apply(
        TestEntities.account(),
        List.of(upsert("account", A, 42, payload), upsert("account", B, 43, nulls)));

    Map<String, Object> row = row("sales_account", A);
    assertThat(row.get("name")).isEqualTo(payload.get("name"));
    assertThat(row.get("description")).isEqualTo(payload.get("description"));
    assertThat(readLong(row.get("numberofemployees"))).isEqualTo(Integer.MAX_VALUE);
    assertThat(readLong(row.get("new_bigcount"))).isEqualTo(Long.MAX_VALUE - 1);
    assertThat(readDecimal(row.get("exchangerate"))).isEqualByComparingTo("0.0000000001");
    assertThat(readDouble(row.get("address1_latitude"))).isEqualTo(47.6062095);
    assertThat(readDecimal(row.get("revenue"))).isEqualByComparingTo("922337203685477.5807");
    assertThat(readBoolean(row.get("donotemail"))).isTrue();
    assertThat(readInstant(row.get("createdon"))).isEqualTo(Instant.parse("2023-04-07T21:59:01Z"));
    assertThat(readDate(row.get("new_foundedon"))).isEqualTo(LocalDate.of(1999, 12, 31));
    assertThat(readGuid(row.get("primarycontactid"))).isEqualTo(CONTACT);
    assertThat(row.get("primarycontactid_entitytype")).isEqualTo("contact");
    assertThat(readGuid(row.get("new_customerid"))).isEqualTo(B);
    assertThat(row.get("new_customerid_entitytype")).isEqualTo("account");
    assertThat(readGuid(row.get("ownerid"))).isEqualTo(TEAM);
    assertThat(row.get("ownerid_entitytype")).isEqualTo("team");
    assertThat(readLong(row.get("industrycode"))).isEqualTo(2L);
    assertThat(readLong(row.get("new_region"))).isEqualTo(100000001L);
    assertThat(readLong(row.get("statecode"))).isEqualTo(1L);
    assertThat(readLong(row.get("statuscode"))).isEqualTo(2L);
    assertThat(row.get("new_channels")).isEqualTo("1,3");
    assertThat(readGuid(row.get("new_externalid"))).isEqualTo(external);
    assertThat(row.get("owneridtype")).isEqualTo("team");
    assertThat(readLong(row.get("versionnumber"))).isEqualTo(42L);

    Map<String, Object> empty = row("sales_account", B);
    List<String> attributeColumns = columns("sales_account");
    attributeColumns.removeAll(List.of("Id", "versionnumber", "SinkCreatedOn", "SinkModifiedOn"));
    assertThat(attributeColumns).allSatisfy(c -> assertThat(empty.get(c)).as(c).isNull());
  }

  @Test
  void aFalseBooleanAndZeroAreNotNull() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());

    destination.apply(
        TestEntities.account(),
        List.of(
            upsert(
                "account",
                A,
                1,
                Map.of("donotemail", false, "numberofemployees", 0L, "revenue", BigDecimal.ZERO))));

    Map<String, Object> row = onlyRow("sales_account");
    assertThat(readBoolean(row.get("donotemail"))).isFalse();
    assertThat(readLong(row.get("numberofemployees"))).isZero();
    assertThat(readDecimal(row.get("revenue"))).isEqualByComparingTo("0");
  }

  @Test
  void aBatchWithABadValueThrowsPermanentExceptionAndCommitsNothing() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());
    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 1, Map.of("name", "Kept"))));

    assertThatThrownBy(
            () ->
                destination.apply(
                    TestEntities.account(),
                    List.of(
                        upsert("account", A, 2, Map.of("name", "Changed")),
                        upsert("account", B, 2, Map.of("numberofemployees", "many")))))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("account")
        .hasMessageContaining(B.toString())
        .hasMessageContaining("numberofemployees")
        .hasMessageContaining("many");

    assertThat(onlyRow("sales_account").get("name")).isEqualTo("Kept");
  }

  // --- metadata

  @Test
  void metadataTablesDescribeTheOptionSetsStatesStatusesTargetsAndAttributes() throws SQLException {
    prepared("sales", TestEntities.account(), TestEntities.contact());

    assertThat(rows("sales_OptionSetMetadata"))
        .extracting(
            r -> r.get("EntityName"),
            r -> r.get("OptionSetName"),
            r -> readLong(r.get("Option")),
            r -> readBoolean(r.get("IsUserLocalizedLabel")),
            r -> readLong(r.get("LocalizedLabelLanguageCode")),
            r -> r.get("LocalizedLabel"))
        .containsExactlyInAnyOrder(
            tuple("account", "industrycode", 1L, false, 1031L, "Buchhaltung"),
            tuple("account", "industrycode", 1L, true, 1033L, "Accounting"),
            tuple("account", "industrycode", 2L, false, 1031L, "Beratung"),
            tuple("account", "industrycode", 2L, true, 1033L, "Consulting"),
            tuple("account", "new_channels", 1L, false, 1031L, "E-Mail"),
            tuple("account", "new_channels", 1L, true, 1033L, "Email"),
            tuple("account", "new_channels", 3L, false, 1031L, "Telefon"),
            tuple("account", "new_channels", 3L, true, 1033L, "Phone"));
    assertThat(rows("sales_GlobalOptionSetMetadata"))
        .extracting(
            r -> r.get("OptionSetName"),
            r -> readLong(r.get("Option")),
            r -> readBoolean(r.get("IsUserLocalizedLabel")),
            r -> readLong(r.get("LocalizedLabelLanguageCode")),
            r -> r.get("LocalizedLabel"),
            r -> r.get("GlobalOptionSetName"),
            r -> r.get("EntityName"))
        .containsExactlyInAnyOrder(
            tuple("new_region", 100000000L, false, 1031L, "Nord", "new_region", "account"),
            tuple("new_region", 100000000L, true, 1033L, "North", "new_region", "account"),
            tuple("new_region", 100000001L, false, 1031L, "Süd", "new_region", "account"),
            tuple("new_region", 100000001L, true, 1033L, "South", "new_region", "account"));
    assertThat(rows("sales_StateMetadata"))
        .extracting(
            r -> r.get("EntityName"),
            r -> readLong(r.get("State")),
            r -> readBoolean(r.get("IsUserLocalizedLabel")),
            r -> readLong(r.get("LocalizedLabelLanguageCode")),
            r -> r.get("LocalizedLabel"))
        .containsExactlyInAnyOrder(
            tuple("account", 0L, false, 1031L, "Aktiv"),
            tuple("account", 0L, true, 1033L, "Active"),
            tuple("account", 1L, false, 1031L, "Inaktiv"),
            tuple("account", 1L, true, 1033L, "Inactive"));
    assertThat(rows("sales_StatusMetadata"))
        .extracting(
            r -> r.get("EntityName"),
            r -> readLong(r.get("State")),
            r -> readLong(r.get("Status")),
            r -> readBoolean(r.get("IsUserLocalizedLabel")),
            r -> readLong(r.get("LocalizedLabelLanguageCode")),
            r -> r.get("LocalizedLabel"))
        .containsExactlyInAnyOrder(
            tuple("account", 0L, 1L, true, 1033L, "Active"),
            tuple("account", 1L, 2L, true, 1033L, "Inactive"));
    assertThat(rows("sales_TargetMetadata"))
        .extracting(
            r -> r.get("EntityName"),
            r -> r.get("AttributeName"),
            r -> r.get("ReferencedEntity"),
            r -> r.get("ReferencedAttribute"))
        .containsExactlyInAnyOrder(
            tuple("account", "primarycontactid", "contact", "contactid"),
            tuple("account", "new_customerid", "account", "accountid"),
            tuple("account", "new_customerid", "contact", "contactid"),
            tuple("account", "ownerid", "systemuser", "systemuserid"),
            tuple("account", "ownerid", "team", "teamid"),
            tuple("contact", "parentcustomerid", "account", "accountid"),
            tuple("contact", "parentcustomerid", "contact", "contactid"));
    List<Map<String, Object>> attributes = rows("sales_AttributeMetadata");
    assertThat(attributes).hasSize(TestEntities.account().attributes().size() + 3);
    assertThat(attributes)
        .filteredOn(r -> "revenue".equals(r.get("AttributeName")))
        .extracting(
            r -> r.get("EntityName"),
            r -> r.get("AttributeType"),
            r -> readLong(r.get("AttributeTypeCode")),
            r -> readLong(r.get("Precision")),
            r -> readLong(r.get("MaxLength")),
            r -> readInstant(r.get("Timestamp")))
        .containsExactly(tuple("account", "Money", 8L, 4L, null, T0));
    assertThat(attributes)
        .filteredOn(r -> "name".equals(r.get("AttributeName")))
        .extracting(r -> r.get("AttributeType"), r -> readLong(r.get("MaxLength")))
        .containsExactly(tuple("String", 160L));
  }

  @Test
  void preparingAgainReplacesTheEntitysMetadataAndLeavesOtherEntities() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account(), TestEntities.contact());
    int optionRows = rows("sales_OptionSetMetadata").size();
    int attributeRows = rows("sales_AttributeMetadata").size();

    destination.prepare(List.of(TestEntities.accountWithRating()), false);

    assertThat(rows("sales_OptionSetMetadata")).hasSize(optionRows);
    assertThat(rows("sales_AttributeMetadata")).hasSize(attributeRows + 1);
    assertThat(rows("sales_TargetMetadata"))
        .extracting(r -> r.get("EntityName"))
        .contains("contact");
  }

  // --- isolation, validation, concurrency

  @Test
  void twoPrefixesInOneDatabaseDoNotTouchEachOthersTables() throws SQLException {
    Destination one = prepared("one", TestEntities.account(), true);
    Destination two = prepared("two", TestEntities.account(), true);

    one.apply(TestEntities.account(), List.of(upsert("account", A, 1, Map.of("name", "one"))));
    two.apply(TestEntities.account(), List.of(upsert("account", A, 1, Map.of("name", "two"))));
    one.apply(TestEntities.account(), List.of(delete("account", A, 5)));
    two.apply(TestEntities.account(), List.of(upsert("account", A, 3, Map.of("name", "two-3"))));
    two.prepare(List.of(TestEntities.account()), true);

    assertThat(rows("one_account")).isEmpty();
    assertThat(onlyRow("two_account").get("name")).isEqualTo("two-3");
    assertThat(rows("one_DeleteLog")).hasSize(1);
    assertThat(rows("two_DeleteLog")).isEmpty();
    assertThat(rows("one_dataexport_tombstones")).hasSize(1);
    assertThat(rows("two_dataexport_tombstones")).isEmpty();
    assertThat(rows("one_OptionSetMetadata")).hasSameSizeAs(rows("two_OptionSetMetadata"));
  }

  @Test
  void validateAcceptsAGoodConfiguration() {
    assertThat(open(config("sales")).validate()).isEmpty();
  }

  @Test
  void validateNamesTheFieldOfEveryBadSetting() {
    DestinationConfig good = config("sales");
    DestinationConfig bad =
        new DestinationConfig(
            good.type(),
            good.jdbcUrl(),
            good.username(),
            good.password(),
            "no-schema!",
            "prefix_too_long_and_bad");

    List<Problem> problems = open(bad).validate();

    assertThat(problems)
        .extracting(Problem::field)
        .contains("destination.schema", "destination.tablePrefix");
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).isNotBlank());
  }

  @Test
  void validateReportsAnUnreachableDatabaseWithoutThePassword() {
    DestinationConfig config = unreachableConfig();

    List<Problem> problems = open(config).validate();

    assertThat(problems).extracting(Problem::field).contains("destination.jdbcUrl");
    if (config.password() != null) {
      assertThat(problems.toString()).doesNotContain(config.password().reveal());
    }
  }

  @Test
  void writersOfSeveralEntitiesShareOneDestination() throws Exception {
    Destination destination = prepared("sales", TestEntities.account(), TestEntities.contact());
    int batches = 20;
    int perBatch = 50;

    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int b = 0; b < batches; b++) {
        EntitySchema entity = b % 2 == 0 ? TestEntities.account() : TestEntities.contact();
        String nameAttribute = b % 2 == 0 ? "name" : "fullname";
        List<SyncNotification> batch = new ArrayList<>();
        for (int i = 0; i < perBatch; i++) {
          batch.add(
              upsert(entity.logicalName(), UUID.randomUUID(), i, Map.of(nameAttribute, "n" + i)));
        }
        futures.add(executor.submit(() -> destination.apply(entity, batch)));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    }

    assertThat(rows("sales_account")).hasSize(batches / 2 * perBatch);
    assertThat(rows("sales_contact")).hasSize(batches / 2 * perBatch);
  }

  @Test
  void aLargeBatchIsAppliedInOneCall() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());
    List<SyncNotification> batch = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      batch.add(
          upsert(
              "account",
              UUID.randomUUID(),
              i,
              Map.of("name", "n" + i, "revenue", BigDecimal.valueOf(i, 2))));
    }

    destination.apply(TestEntities.account(), batch);

    assertThat(rows("sales_account")).hasSize(5_000);
  }

  // --- widening, Unicode and edge values, schemas

  @Test
  void aLongerSourceStringWidensItsColumnOnPrepareAndKeepsTheRows() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());
    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 1, Map.of("name", "a".repeat(160)))));

    destination.prepare(List.of(TestEntities.accountWithRating()), false);
    destination.apply(
        TestEntities.accountWithRating(),
        List.of(upsert("account", B, 2, Map.of("name", "b".repeat(400)))));

    assertThat(rows("sales_account"))
        .extracting(r -> r.get("name"))
        .containsExactly("a".repeat(160), "b".repeat(400));
  }

  @Test
  void aStringLongerThanItsColumnWidensTheColumnInsteadOfFailing() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());
    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 1, Map.of("name", "kept"))));
    String longer = "Ø".repeat(1_000);
    String beyondEveryCap = "東京🚀".repeat(7_000);
    String memo = "m".repeat(100_000);

    destination.apply(
        TestEntities.account(),
        List.of(
            upsert("account", B, 2, Map.of("name", longer, "description", memo)),
            upsert("account", CONTACT, 3, Map.of("name", "🚀".repeat(160)))));
    destination.apply(
        TestEntities.account(),
        List.of(upsert("account", TEAM, 4, Map.of("name", beyondEveryCap))));

    assertThat(row("sales_account", A).get("name")).isEqualTo("kept");
    assertThat(row("sales_account", B).get("name")).isEqualTo(longer);
    assertThat(row("sales_account", B).get("description")).isEqualTo(memo);
    assertThat(row("sales_account", CONTACT).get("name")).isEqualTo("🚀".repeat(160));
    assertThat(row("sales_account", TEAM).get("name")).isEqualTo(beyondEveryCap);
  }

  @Test
  void unicodeAndEdgeValuesRoundTripExactly() throws SQLException {
    Destination destination = prepared("sales", TestEntities.account());
    Map<String, Object> low = new HashMap<>();
    low.put("name", "");
    low.put("description", "  leading and trailing spaces  ");
    low.put("numberofemployees", (long) Integer.MIN_VALUE);
    low.put("new_bigcount", Long.MIN_VALUE);
    low.put("exchangerate", new BigDecimal("-99999999999.9999999999"));
    low.put("address1_latitude", new BigDecimal("-90.00001"));
    low.put("revenue", new BigDecimal("-922337203685477.5808"));
    low.put("createdon", "1753-01-01T00:00:00Z");
    low.put("new_foundedon", "1753-01-01");
    low.put("new_channels", "-1");
    Map<String, Object> high = new HashMap<>();
    high.put("name", "𠀀𠀁 עברית العربية e\u0301 \\ back\\slash `tick` [bracket] 'q' \"dq\"");
    high.put("description", "Zeilen\r\nmit\ttabs 👩‍👩‍👧‍👦 🇩🇪");
    high.put("numberofemployees", (long) Integer.MAX_VALUE);
    high.put("new_bigcount", Long.MAX_VALUE);
    high.put("exchangerate", new BigDecimal("99999999999.9999999999"));
    high.put("address1_latitude", new BigDecimal("0.00001"));
    high.put("revenue", new BigDecimal("922337203685477.5807"));
    high.put("createdon", "9999-12-31T23:59:59Z");
    high.put("new_foundedon", "9999-12-31");
    high.put("new_channels", "100000000,100000001,100000002");

    destination.apply(
        TestEntities.account(),
        List.of(upsert("account", A, 1, low), upsert("account", B, Long.MAX_VALUE, high)));

    for (Map.Entry<UUID, Map<String, Object>> expected : Map.of(A, low, B, high).entrySet()) {
      Map<String, Object> row = row("sales_account", expected.getKey());
      Map<String, Object> sent = expected.getValue();
      assertTextNumbersAndTimesAsSent(row, sent);
    }
    assertThat(readLong(row("sales_account", B).get("versionnumber"))).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void twoSchemasInOneDatabaseDoNotTouchEachOthersTables() throws SQLException {
    DestinationConfig secondSchema = configInSecondSchema("sales");
    assumeTrue(secondSchema != null, "this database has no schemas; prefixes keep profiles apart");
    Destination one = prepared("sales", TestEntities.account(), true);
    Destination two = open(secondSchema);
    two.prepare(List.of(TestEntities.account()), true);

    one.apply(TestEntities.account(), List.of(upsert("account", A, 1, Map.of("name", "one"))));
    two.apply(TestEntities.account(), List.of(upsert("account", A, 1, Map.of("name", "two"))));
    one.apply(TestEntities.account(), List.of(delete("account", A, 5)));
    two.apply(TestEntities.account(), List.of(upsert("account", A, 3, Map.of("name", "two-3"))));
    two.prepare(List.of(TestEntities.accountWithRating()), true);

    assertThat(rows("sales_account")).isEmpty();
    assertThat(columns("sales_account")).doesNotContain("new_rating");
    assertThat(rowsOf(qualifiedInSecondSchema("sales_account")))
        .singleElement()
        .satisfies(r -> assertThat(r.get("name")).isEqualTo("two-3"));
    assertThat(rows("sales_DeleteLog")).hasSize(1);
    assertThat(rowsOf(qualifiedInSecondSchema("sales_DeleteLog"))).isEmpty();
    assertThat(rows("sales_dataexport_tombstones")).hasSize(1);
    assertThat(rowsOf(qualifiedInSecondSchema("sales_dataexport_tombstones"))).isEmpty();
    assertThat(rows("sales_AttributeMetadata"))
        .hasSize(rowsOf(qualifiedInSecondSchema("sales_AttributeMetadata")).size() - 1);
  }
}
