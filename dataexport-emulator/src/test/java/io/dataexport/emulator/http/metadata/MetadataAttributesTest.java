package io.dataexport.emulator.http.metadata;

import static io.dataexport.emulator.http.metadata.SampleMetadataQueries.CONTEXT;
import static io.dataexport.emulator.http.metadata.SampleMetadataQueries.fieldNames;
import static io.dataexport.emulator.http.metadata.SampleMetadataQueries.item;
import static io.dataexport.emulator.http.metadata.SampleMetadataQueries.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.emulator.http.ODataException;
import org.junit.jupiter.api.Test;

/** {@code EntityDefinitions(...)/Attributes}: every attribute, one by key, $select, $filter. */
class MetadataAttributesTest {
  private static final String ACCOUNT = "EntityDefinitions(LogicalName='account')/Attributes";
  private static final String CONTACT = "EntityDefinitions(LogicalName='contact')/Attributes";

  private final SampleMetadataQueries metadata = new SampleMetadataQueries();

  @Test
  void attributesCarryTheirDerivedTypeAndTheBaseProperties() {
    JsonNode answer = metadata.get(ACCOUNT);

    assertThat(answer.path("@odata.context").asText())
        .isEqualTo(CONTEXT + "EntityDefinitions('account')/Attributes");
    JsonNode name = item(answer, "LogicalName", "name");
    assertThat(name.path("@odata.type").asText())
        .isEqualTo("#Microsoft.Dynamics.CRM.StringAttributeMetadata");
    assertThat(name.path("MetadataId").asText()).hasSize(36);
    assertThat(name.path("SchemaName").asText()).isEqualTo("AccountName");
    assertThat(name.path("AttributeType").asText()).isEqualTo("String");
    assertThat(name.path("AttributeTypeName").path("Value").asText()).isEqualTo("StringType");
    assertThat(name.path("EntityLogicalName").asText()).isEqualTo("account");
    assertThat(name.path("IsPrimaryName").asBoolean()).isTrue();
    assertThat(name.path("IsPrimaryId").asBoolean()).isFalse();
    assertThat(name.path("IsValidForRead").asBoolean()).isTrue();
    assertThat(name.path("IsCustomAttribute").asBoolean()).isFalse();
    assertThat(name.path("AttributeOf").isNull()).isTrue();
    assertThat(name.path("MaxLength").asInt()).isEqualTo(160);
    assertThat(name.path("DisplayName").path("UserLocalizedLabel").path("Label").asText())
        .isEqualTo("Account Name");
    assertThat(name.has("OptionSet")).isFalse();

    assertThat(item(answer, "LogicalName", "accountid").path("IsPrimaryId").asBoolean()).isTrue();
    assertThat(item(answer, "LogicalName", "cr_region").path("IsCustomAttribute").asBoolean())
        .isTrue();
  }

  @Test
  void typeSpecificPropertiesFollowTheAttributeKind() {
    JsonNode account = metadata.get(ACCOUNT);
    JsonNode contact = metadata.get(CONTACT);

    JsonNode revenue = item(account, "LogicalName", "revenue");
    assertThat(revenue.path("AttributeType").asText()).isEqualTo("Money");
    assertThat(revenue.path("Precision").asInt()).isEqualTo(2);
    assertThat(revenue.path("MinValue").isNumber()).isTrue();
    JsonNode latitude = item(account, "LogicalName", "address1_latitude");
    assertThat(latitude.path("AttributeType").asText()).isEqualTo("Double");
    assertThat(latitude.path("Precision").asInt()).isEqualTo(5);
    assertThat(latitude.path("MinValue").asDouble()).isEqualTo(-90.0);
    assertThat(latitude.path("MaxValue").asDouble()).isEqualTo(90.0);
    JsonNode employees = item(account, "LogicalName", "numberofemployees");
    assertThat(employees.path("MinValue").asLong()).isZero();
    assertThat(employees.path("MaxValue").asLong()).isEqualTo(1_000_000_000L);
    assertThat(employees.has("Precision")).isFalse();
    assertThat(item(account, "LogicalName", "exchangerate").path("Precision").asInt())
        .isEqualTo(10);
    assertThat(item(account, "LogicalName", "description").path("MaxLength").asInt())
        .isEqualTo(2000);

    JsonNode primaryContact = item(account, "LogicalName", "primarycontactid");
    assertThat(primaryContact.path("@odata.type").asText())
        .isEqualTo("#Microsoft.Dynamics.CRM.LookupAttributeMetadata");
    assertThat(primaryContact.path("Targets").toString()).isEqualTo("[\"contact\"]");
    JsonNode customer = item(contact, "LogicalName", "parentcustomerid");
    assertThat(customer.path("AttributeType").asText()).isEqualTo("Customer");
    assertThat(customer.path("Targets").toString()).isEqualTo("[\"account\",\"contact\"]");
    JsonNode owner = item(account, "LogicalName", "ownerid");
    assertThat(owner.path("AttributeType").asText()).isEqualTo("Owner");
    assertThat(owner.path("Targets").toString()).isEqualTo("[\"systemuser\",\"team\"]");
    assertThat(item(account, "LogicalName", "owneridtype").path("AttributeOf").asText())
        .isEqualTo("ownerid");

    JsonNode founded = item(account, "LogicalName", "cr_foundedon");
    assertThat(founded.path("Format").asText()).isEqualTo("DateOnly");
    assertThat(founded.path("DateTimeBehavior").path("Value").asText()).isEqualTo("DateOnly");
    JsonNode created = item(account, "LogicalName", "createdon");
    assertThat(created.path("Format").asText()).isEqualTo("DateAndTime");
    assertThat(created.path("DateTimeBehavior").path("Value").asText()).isEqualTo("UserLocal");

    JsonNode channels = item(contact, "LogicalName", "cr_preferredchannels");
    assertThat(channels.path("AttributeType").asText()).isEqualTo("Virtual");
    assertThat(channels.path("AttributeTypeName").path("Value").asText())
        .isEqualTo("MultiSelectPicklistType");
    assertThat(channels.path("@odata.type").asText())
        .isEqualTo("#Microsoft.Dynamics.CRM.MultiSelectPicklistAttributeMetadata");
  }

  @Test
  void selectKeepsTypeIdAndTheNamedProperties() {
    JsonNode answer =
        metadata.get(ACCOUNT, "$select", "LogicalName,AttributeType,AttributeTypeName,IsPrimaryId");

    assertThat(answer.path("@odata.context").asText())
        .isEqualTo(
            CONTEXT
                + "EntityDefinitions('account')/Attributes"
                + "(LogicalName,AttributeType,AttributeTypeName,IsPrimaryId)");
    assertThat(fieldNames(item(answer, "LogicalName", "name")))
        .containsExactly(
            "@odata.type",
            "MetadataId",
            "LogicalName",
            "AttributeType",
            "AttributeTypeName",
            "IsPrimaryId");
  }

  @Test
  void unknownSelectPropertyIsABadRequestNamingAttributeMetadata() {
    ODataException refusal = metadata.failure(ACCOUNT, "$select", "LogicalName,Colour");

    assertThat(refusal.status()).isEqualTo(400);
    assertThat(refusal.getMessage())
        .isEqualTo(
            "Could not find a property named 'Colour' on type"
                + " 'Microsoft.Dynamics.CRM.AttributeMetadata'.");
  }

  @Test
  void derivedPropertiesNeedTheCastTheirTypeNames() {
    ODataException refusal = metadata.failure(ACCOUNT, "$select", "LogicalName,MaxLength");

    assertThat(refusal.status()).isEqualTo(400);
    assertThat(refusal.getMessage())
        .startsWith(
            "Could not find a property named 'MaxLength' on type"
                + " 'Microsoft.Dynamics.CRM.AttributeMetadata'.")
        .contains("Microsoft.Dynamics.CRM.StringAttributeMetadata");

    JsonNode strings =
        metadata.get(
            ACCOUNT + "/Microsoft.Dynamics.CRM.StringAttributeMetadata",
            "$select",
            "LogicalName,MaxLength");
    assertThat(item(strings, "LogicalName", "telephone1").path("MaxLength").asInt()).isEqualTo(50);
  }

  @Test
  void filterAcceptsEnumLiteralsBooleansAndPaths() {
    assertThat(
            texts(
                metadata.get(
                    ACCOUNT,
                    "$filter",
                    "AttributeType eq Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist'"),
                "LogicalName"))
        .containsExactly("industrycode", "accountcategorycode", "cr_region");
    assertThat(metadata.get(ACCOUNT, "$filter", "IsValidForRead eq true").path("value").size())
        .isEqualTo(metadata.get(ACCOUNT).path("value").size());
    assertThat(
            texts(
                metadata.get(ACCOUNT, "$filter", "AttributeTypeName/Value eq 'MoneyType'"),
                "LogicalName"))
        .containsExactly("revenue", "creditlimit");
    assertThat(
            texts(
                metadata.get(ACCOUNT, "$filter", "IsPrimaryId eq true or IsPrimaryName eq true"),
                "LogicalName"))
        .containsExactly("accountid", "name");
  }

  @Test
  void singleAttributeByLogicalNameIsAnEntityOfTheAttributesSet() {
    JsonNode name = metadata.get(ACCOUNT.replace("/Attributes", "/Attributes(LogicalName='name')"));

    assertThat(name.path("@odata.context").asText())
        .isEqualTo(CONTEXT + "EntityDefinitions('account')/Attributes/$entity");
    assertThat(name.path("LogicalName").asText()).isEqualTo("name");
    assertThat(name.path("MaxLength").asInt()).isEqualTo(160);
  }

  @Test
  void singleAttributeByMetadataIdIsTheSameAttribute() {
    String path = "EntityDefinitions(LogicalName='account')/Attributes";
    JsonNode byName = metadata.get(path + "(LogicalName='revenue')");

    JsonNode byId = metadata.get(path + "(" + byName.path("MetadataId").asText() + ")");

    assertThat(byId).isEqualTo(byName);
  }

  @Test
  void unknownAttributeIsNotFound() {
    ODataException refusal =
        metadata.failure("EntityDefinitions(LogicalName='account')/Attributes(LogicalName='foo')");

    assertThat(refusal.status()).isEqualTo(404);
    assertThat(refusal.code()).isEqualTo("0x80040217");
    assertThat(refusal.getMessage())
        .isEqualTo("Could not find attribute with logical name 'foo' on entity 'account'.");
  }

  @Test
  void attributesOfAnUnknownEntityAreNotFound() {
    ODataException refusal = metadata.failure("EntityDefinitions(LogicalName='foo')/Attributes");

    assertThat(refusal.status()).isEqualTo(404);
    assertThat(refusal.getMessage()).isEqualTo("Could not find entity with logical name 'foo'.");
  }
}
