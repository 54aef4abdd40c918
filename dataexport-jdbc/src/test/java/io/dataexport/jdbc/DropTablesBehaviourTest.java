package io.dataexport.jdbc;

import static io.dataexport.jdbc.Notifications.delete;
import static io.dataexport.jdbc.Notifications.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.destination.Destination;
import io.dataexport.api.destination.DroppedTables;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.schema.EntitySchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Uninstalling (SPEC §11): {@link Destination#dropTables} drops the tables the service created for
 * a profile and nothing else, beside tables of the customer's own in the same schema. {@link
 * DestinationBehaviourTest} extends this, so every database runs it.
 */
public abstract class DropTablesBehaviourTest extends DeleteBehaviourTest {
  private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  private static final EntitySchema ACCOUNT = TestEntities.account();
  private static final EntitySchema CONTACT = TestEntities.contact();
  private static final EntitySchema ACCOUNT_LEADS = TestEntities.accountLeads();

  /** The tables every entity of a schema and prefix shares, by their DES names. */
  private static final List<String> SHARED =
      List.of(
          "OptionSetMetadata",
          "GlobalOptionSetMetadata",
          "StateMetadata",
          "StatusMetadata",
          "TargetMetadata",
          "AttributeMetadata",
          "dataexport_tombstones",
          "DeleteLog");

  @Test
  void droppingRemovesEveryServiceTableAndLeavesTheCustomersTablesWithTheirRows()
      throws SQLException {
    Destination destination = prepared(null, List.of(ACCOUNT, CONTACT, ACCOUNT_LEADS), true);
    writeSomeOfEverything(destination, ACCOUNT, CONTACT, ACCOUNT_LEADS);
    customerTable("customer_notes");
    customerTable("account_backup");
    customerTable("DeleteLog_archive");

    DroppedTables result = destination.dropTables(List.of("account", "contact", "accountleads"));

    List<String> service = new ArrayList<>(List.of("account", "contact", "accountleads"));
    service.addAll(SHARED);
    assertThat(unqualified(result.dropped())).containsExactlyInAnyOrderElementsOf(service);
    assertThat(result.kept()).isEmpty();
    for (String table : service) {
      assertThat(tableExists(table)).as(table).isFalse();
    }
    for (String table : List.of("customer_notes", "account_backup", "DeleteLog_archive")) {
      assertThat(rows(table)).as(table).extracting(r -> r.get("note")).containsExactly("keep me");
    }
  }

  @Test
  void droppingAgainFindsNothingLeftAndWhereNothingWasCreatedNothingIsDropped() {
    Destination destination = prepared("sales", ACCOUNT, true);
    assertThat(destination.dropTables(List.of("account")).dropped()).hasSize(1 + SHARED.size());

    assertThat(destination.dropTables(List.of("account")))
        .isEqualTo(new DroppedTables(List.of(), List.of()));
    assertThat(open(config("never")).dropTables(List.of("account", "contact")))
        .isEqualTo(new DroppedTables(List.of(), List.of()));
  }

  @Test
  void anotherPrefixsTablesInTheSameSchemaAreNotTouched() throws SQLException {
    Destination first = prepared("first", List.of(ACCOUNT), true);
    Destination second = prepared("second", List.of(ACCOUNT), true);
    writeSomeOfEverything(first, ACCOUNT);
    writeSomeOfEverything(second, ACCOUNT);

    first.dropTables(List.of("account"));

    assertThat(tableExists("first_account")).isFalse();
    assertThat(rows("second_account")).hasSize(1);
    assertThat(rows("second_DeleteLog")).hasSize(1);
    assertThat(rows("second_dataexport_tombstones")).hasSize(1);
    assertThat(rows("second_AttributeMetadata")).isNotEmpty();
  }

  @Test
  void sharedTablesStayWhileAnotherEntityHasRowsInThemAndGoWithTheLastOne() throws SQLException {
    // Two profiles in one schema with the same prefix share the metadata tables, the tombstones
    // and the DeleteLog; the destination tells their rows apart by entity.
    Destination accounts = prepared("crm", List.of(ACCOUNT), true);
    Destination contacts = prepared("crm", List.of(CONTACT), true);
    writeSomeOfEverything(accounts, ACCOUNT);
    writeSomeOfEverything(contacts, CONTACT);

    DroppedTables first = accounts.dropTables(List.of("account"));

    assertThat(unqualified(first.dropped())).containsExactly("crm_account");
    assertThat(unqualified(first.kept()))
        .containsExactlyInAnyOrderElementsOf(SHARED.stream().map(t -> "crm_" + t).toList());
    for (String table : SHARED) {
      assertThat(rows("crm_" + table))
          .as(table)
          .allSatisfy(r -> assertThat(r.get("EntityName")).isEqualTo("contact"));
    }
    for (String table : List.of("AttributeMetadata", "dataexport_tombstones", "DeleteLog")) {
      assertThat(rows("crm_" + table)).as(table).isNotEmpty();
    }
    contacts.apply(CONTACT, List.of(upsert("contact", B, 9, Map.of("fullname", "still syncing"))));
    assertThat(rows("crm_contact")).hasSize(2);

    DroppedTables last = contacts.dropTables(List.of("contact"));

    assertThat(unqualified(last.dropped())).hasSize(1 + SHARED.size()).contains("crm_contact");
    assertThat(last.kept()).isEmpty();
    assertThat(tableExists("crm_AttributeMetadata")).isFalse();
  }

  @Test
  void aNameThatIsNotALogicalNameDropsNothing() throws SQLException {
    Destination destination = prepared("sales", ACCOUNT, true);

    assertThatThrownBy(() -> destination.dropTables(List.of("account", "x; DROP TABLE y")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("not a logical name");
    assertThat(tableExists("sales_account")).isTrue();
    assertThat(tableExists("sales_AttributeMetadata")).isTrue();
  }

  /** An upserted row per entity, and a deleted one (a tombstone and a DeleteLog row). */
  private void writeSomeOfEverything(Destination destination, EntitySchema... entities) {
    for (EntitySchema entity : entities) {
      String name = entity.logicalName();
      destination.apply(
          entity, List.of(upsert(name, A, 1, Map.of()), upsert(name, B, 1, Map.of())));
      destination.apply(entity, List.of(delete(name, B, 2)));
    }
  }

  /** A table of the customer's own in the test's schema, holding one row. */
  private void customerTable(String table) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE " + qualified(table) + " (id INTEGER PRIMARY KEY, note VARCHAR(100))");
      statement.execute("INSERT INTO " + qualified(table) + " (id, note) VALUES (1, 'keep me')");
    }
  }

  private static List<String> unqualified(List<String> tables) {
    return tables.stream().map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
  }
}
