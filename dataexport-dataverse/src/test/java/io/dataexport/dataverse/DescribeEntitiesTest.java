package io.dataexport.dataverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.schema.AttributeSchema;
import io.dataexport.api.schema.AttributeType;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.schema.OptionSchema;
import io.dataexport.api.schema.OptionSetSchema;
import io.dataexport.api.schema.RelationshipSchema;
import io.dataexport.api.schema.SourceCatalog;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.dataverse.testing.EmulatorSources;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Entity and relationship metadata of the sample organisation, mapped to the schema model. */
class DescribeEntitiesTest {
  private static DataverseEmulator emulator;
  private static DataverseChangeSource source;

  @BeforeAll
  static void start() {
    emulator = DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(5));
    source = EmulatorSources.open(emulator, DataverseSettings.defaults());
  }

  @AfterAll
  static void stop() {
    source.close();
    emulator.close();
  }

  @Test
  void theCatalogListsEntitiesWithLabelsAndRelationshipsSortedButNoIntersectEntities() {
    SourceCatalog catalog = source.catalog();

    List<String> names = catalog.entities().stream().map(SourceCatalog.Entity::name).toList();
    assertThat(names)
        .contains("account", "contact", "lead")
        .isSorted()
        .doesNotContain("accountleads");
    assertThat(catalog.entities()).contains(new SourceCatalog.Entity("account", "Account", true));
    assertThat(catalog.relationships())
        .extracting(SourceCatalog.Relationship::schemaName)
        .isSorted()
        .contains("accountleads_association");
    assertThat(catalog.relationships())
        .filteredOn(r -> r.schemaName().equals("accountleads_association"))
        .singleElement()
        .satisfies(r -> assertThat(r.intersectEntity()).isEqualTo("accountleads"));
  }

  @Test
  void theCatalogOfASourceThatRefusesTheSecretFailsAtOnceNamingTheCredentials() {
    try (DataverseChangeSource refusing =
        DataverseChangeSource.open(
            EmulatorSources.config(emulator, "wrong-secret"), DataverseSettings.defaults())) {
      assertThatThrownBy(refusing::catalog)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("source.auth")
          .hasMessageNotContaining("wrong-secret");
    }
  }

  @Test
  void accountHasItsEntityMetadata() {
    EntitySchema account = source.describe("account");

    assertThat(account.logicalName()).isEqualTo("account");
    assertThat(account.entitySetName()).isEqualTo("accounts");
    assertThat(account.primaryIdAttribute()).isEqualTo("accountid");
    assertThat(account.changeTrackingEnabled()).isTrue();
    assertThat(account.intersect()).isFalse();
  }

  @Test
  void everyAttributeKindOfAccountMapsToItsType() {
    EntitySchema account = source.describe("account");

    assertThat(attribute(account, "accountid").type()).isEqualTo(AttributeType.UNIQUEIDENTIFIER);
    assertThat(attribute(account, "name")).satisfies(a -> isText(a, AttributeType.STRING, 160));
    assertThat(attribute(account, "description"))
        .satisfies(a -> isText(a, AttributeType.MEMO, 2000));
    assertThat(attribute(account, "numberofemployees").type()).isEqualTo(AttributeType.INTEGER);
    assertThat(attribute(account, "cr_externalsequence").type()).isEqualTo(AttributeType.BIGINT);
    assertThat(attribute(account, "versionnumber").type()).isEqualTo(AttributeType.BIGINT);
    assertThat(attribute(account, "exchangerate"))
        .satisfies(a -> isNumber(a, AttributeType.DECIMAL, 10));
    assertThat(attribute(account, "address1_latitude"))
        .satisfies(a -> isNumber(a, AttributeType.DOUBLE, 5));
    assertThat(attribute(account, "revenue")).satisfies(a -> isNumber(a, AttributeType.MONEY, 2));
    assertThat(attribute(account, "donotemail").type()).isEqualTo(AttributeType.BOOLEAN);
    assertThat(attribute(account, "donotemail").optionSet()).isNull();
    assertThat(attribute(account, "processid").type()).isEqualTo(AttributeType.UNIQUEIDENTIFIER);
    assertThat(attribute(account, "owneridtype").type()).isEqualTo(AttributeType.ENTITY_NAME);
  }

  @Test
  void dateTimesTellDateOnlyFromDateAndTime() {
    EntitySchema account = source.describe("account");

    assertThat(attribute(account, "cr_foundedon").type()).isEqualTo(AttributeType.DATETIME);
    assertThat(attribute(account, "cr_foundedon").dateOnly()).isTrue();
    assertThat(attribute(account, "lastusedincampaign").dateOnly()).isFalse();
    assertThat(attribute(account, "createdon").dateOnly()).isFalse();
    assertThat(attribute(source.describe("contact"), "birthdate").dateOnly()).isTrue();
  }

  @Test
  void lookupsCarryTheirTargets() {
    EntitySchema account = source.describe("account");
    EntitySchema contact = source.describe("contact");
    EntitySchema opportunity = source.describe("opportunity");

    assertThat(attribute(account, "primarycontactid").type()).isEqualTo(AttributeType.LOOKUP);
    assertThat(attribute(account, "primarycontactid").targets()).containsExactly("contact");
    assertThat(attribute(account, "ownerid").type()).isEqualTo(AttributeType.OWNER);
    assertThat(attribute(account, "ownerid").targets())
        .containsExactlyInAnyOrder("systemuser", "team");
    assertThat(attribute(contact, "parentcustomerid").type()).isEqualTo(AttributeType.CUSTOMER);
    assertThat(attribute(contact, "parentcustomerid").targets())
        .containsExactlyInAnyOrder("account", "contact");
    assertThat(attribute(opportunity, "originatingleadid").targets()).containsExactly("lead");
    assertThat(attribute(opportunity, "customerid").type()).isEqualTo(AttributeType.CUSTOMER);
  }

  @Test
  void localChoicesCarryTheirOptionsWithEnglishAndGermanLabels() {
    OptionSetSchema industry = attribute(source.describe("account"), "industrycode").optionSet();

    assertThat(attribute(source.describe("account"), "industrycode").type())
        .isEqualTo(AttributeType.PICKLIST);
    assertThat(industry.name()).isEqualTo("account_industrycode");
    assertThat(industry.global()).isFalse();
    assertThat(industry.options()).hasSize(8);
    assertThat(industry.options().getFirst())
        .isEqualTo(
            new OptionSchema(1, Map.of(1033, "Accounting", 1031, "Buchhaltung"), null, null));
  }

  @Test
  void globalChoicesAreMarkedGlobal() {
    OptionSetSchema region = attribute(source.describe("lead"), "cr_region").optionSet();

    assertThat(region.name()).isEqualTo("cr_region");
    assertThat(region.global()).isTrue();
    assertThat(region.options()).extracting(OptionSchema::value).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void statesKnowTheirDefaultStatusAndStatusesTheirState() {
    EntitySchema lead = source.describe("lead");

    AttributeSchema state = attribute(lead, "statecode");
    AttributeSchema status = attribute(lead, "statuscode");

    assertThat(state.type()).isEqualTo(AttributeType.STATE);
    assertThat(state.optionSet().options())
        .contains(new OptionSchema(1, Map.of(1033, "Qualified", 1031, "Qualifiziert"), null, 3));
    assertThat(status.type()).isEqualTo(AttributeType.STATUS);
    assertThat(status.optionSet().options())
        .contains(new OptionSchema(4, Map.of(1033, "Lost", 1031, "Verloren"), 2, null));
  }

  @Test
  void multiSelectChoicesMapToMultiSelectPicklistsWithTheirOptions() {
    AttributeSchema channels = attribute(source.describe("contact"), "cr_preferredchannels");
    AttributeSchema interests = attribute(source.describe("lead"), "cr_interests");

    assertThat(channels.type()).isEqualTo(AttributeType.MULTI_SELECT_PICKLIST);
    assertThat(channels.optionSet().name()).isEqualTo("cr_channel");
    assertThat(channels.optionSet().global()).isTrue();
    assertThat(interests.type()).isEqualTo(AttributeType.MULTI_SELECT_PICKLIST);
    assertThat(interests.optionSet().global()).isFalse();
    assertThat(interests.optionSet().options())
        .extracting(OptionSchema::value)
        .containsExactly(100000000, 100000001, 100000002, 100000003);
  }

  @Test
  void theIntersectEntityIsMarkedAndHasItsKeyAttributes() {
    EntitySchema accountLeads = source.describe("accountleads");

    assertThat(accountLeads.intersect()).isTrue();
    assertThat(accountLeads.changeTrackingEnabled()).isTrue();
    assertThat(accountLeads.entitySetName()).isEqualTo("accountleadscollection");
    assertThat(accountLeads.attributes())
        .extracting(AttributeSchema::logicalName)
        .containsExactly("accountleadid", "accountid", "leadid", "versionnumber");
  }

  @Test
  void everyAttributeOfTheSampleEntitiesIsExported() {
    for (String entity : List.of("account", "contact", "lead", "opportunity")) {
      EntitySchema schema = source.describe(entity);
      int expected = emulator.store().metadata().entity(entity).orElseThrow().attributes().size();
      assertThat(schema.attributes()).as(entity).hasSize(expected);
      assertThat(schema.attributes())
          .filteredOn(a -> a.type().isChoice() || a.type() == AttributeType.MULTI_SELECT_PICKLIST)
          .as("choices of %s have option sets", entity)
          .allSatisfy(a -> assertThat(a.optionSet()).isNotNull());
    }
  }

  @Test
  void theNToNRelationshipNamesItsIntersectAndBothSides() {
    RelationshipSchema relationship = source.relationship("accountleads_association");

    assertThat(relationship)
        .isEqualTo(
            new RelationshipSchema(
                "accountleads_association",
                "accountleads",
                "account",
                "accountid",
                "lead",
                "leadid"));
  }

  @Test
  void anEntityWithoutChangeTrackingIsDescribedButCannotBeRead() {
    EntitySchema businessUnit = source.describe("businessunit");

    assertThat(businessUnit.changeTrackingEnabled()).isFalse();
    assertThatThrownBy(() -> source.read(businessUnit, ChangeCursor.start()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("businessunit")
        .hasMessageContaining("Track changes");
  }

  @Test
  void anUnknownEntityIsAConfigurationProblemNamingIt() {
    assertThatThrownBy(() -> source.describe("cr_nosuchthing"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'cr_nosuchthing' does not exist")
        .hasMessageContaining("entities");
  }

  @Test
  void anUnknownRelationshipIsAConfigurationProblemNamingIt() {
    assertThatThrownBy(() -> source.relationship("contactleads_association"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'contactleads_association'")
        .hasMessageContaining("relationships");
  }

  @Test
  void aOneToManyRelationshipIsNotTakenForAnNToNOne() {
    assertThatThrownBy(() -> source.relationship("account_primarycontactid_contact"))
        .isInstanceOf(ConfigurationException.class);
  }

  private static AttributeSchema attribute(EntitySchema entity, String name) {
    return entity
        .attribute(name)
        .orElseThrow(() -> new AssertionError(entity.logicalName() + " has no " + name));
  }

  private static void isText(AttributeSchema attribute, AttributeType type, int maxLength) {
    assertThat(attribute.type()).isEqualTo(type);
    assertThat(attribute.maxLength()).isEqualTo(maxLength);
    assertThat(attribute.precision()).isNull();
  }

  private static void isNumber(AttributeSchema attribute, AttributeType type, int precision) {
    assertThat(attribute.type()).isEqualTo(type);
    assertThat(attribute.precision()).isEqualTo(precision);
    assertThat(attribute.maxLength()).isNull();
  }
}
