package io.dataexport.emulator.http.metadata;

import static io.dataexport.emulator.http.metadata.SampleMetadataQueries.CONTEXT;
import static io.dataexport.emulator.http.metadata.SampleMetadataQueries.fieldNames;
import static io.dataexport.emulator.http.metadata.SampleMetadataQueries.item;
import static io.dataexport.emulator.http.metadata.SampleMetadataQueries.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.emulator.http.ODataException;
import io.dataexport.emulator.metadata.AttributeDefinition;
import io.dataexport.emulator.metadata.AttributeKind;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.sample.SampleOrganisation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Casts of {@code Attributes} to derived types, and the option sets they expand. */
class MetadataAttributeCastsTest {
  private static final String NS = "Microsoft.Dynamics.CRM.";
  private static final String ACCOUNT = "EntityDefinitions(LogicalName='account')/Attributes";
  private static final String PICKLISTS = ACCOUNT + "/" + NS + "PicklistAttributeMetadata";
  private static final String OPTION_SETS = "OptionSet,GlobalOptionSet";

  private final SampleMetadataQueries metadata = new SampleMetadataQueries();

  @Test
  void picklistCastListsOnlyPicklistsWithoutOptionSetsUnlessExpanded() {
    JsonNode answer = metadata.get(PICKLISTS);

    assertThat(answer.path("@odata.context").asText())
        .isEqualTo(
            CONTEXT
                + "EntityDefinitions('account')/Attributes/"
                + NS
                + "PicklistAttributeMetadata");
    assertThat(texts(answer, "LogicalName"))
        .containsExactly("industrycode", "accountcategorycode", "cr_region");
    assertThat(texts(answer, "@odata.type")).containsOnly("#" + NS + "PicklistAttributeMetadata");
    answer.path("value").forEach(a -> assertThat(a.has("OptionSet")).isFalse());
  }

  @Test
  void picklistCastExpandsLocalOptionSetWithLocalizedLabels() {
    JsonNode answer = metadata.get(PICKLISTS, "$select", "LogicalName", "$expand", OPTION_SETS);

    assertThat(answer.path("@odata.context").asText())
        .isEqualTo(
            CONTEXT
                + "EntityDefinitions('account')/Attributes/"
                + NS
                + "PicklistAttributeMetadata(LogicalName,OptionSet,GlobalOptionSet)");
    JsonNode industry = item(answer, "LogicalName", "industrycode");
    assertThat(fieldNames(industry))
        .containsExactly(
            "@odata.type", "MetadataId", "LogicalName", "OptionSet", "GlobalOptionSet");
    assertThat(industry.path("GlobalOptionSet").isNull()).isTrue();
    JsonNode optionSet = industry.path("OptionSet");
    assertThat(optionSet.path("Name").asText()).isEqualTo("account_industrycode");
    assertThat(optionSet.path("IsGlobal").asBoolean()).isFalse();
    assertThat(optionSet.path("OptionSetType").asText()).isEqualTo("Picklist");
    assertThat(optionSet.path("MetadataId").asText()).hasSize(36);
    assertThat(optionSet.path("Options")).hasSize(8);

    JsonNode accounting = optionSet.path("Options").get(0);
    assertThat(accounting.path("Value").asInt()).isEqualTo(1);
    JsonNode labels = accounting.path("Label").path("LocalizedLabels");
    assertThat(labels).hasSize(2);
    assertThat(labels.get(0).path("Label").asText()).isEqualTo("Accounting");
    assertThat(labels.get(0).path("LanguageCode").asInt()).isEqualTo(1033);
    assertThat(labels.get(1).path("Label").asText()).isEqualTo("Buchhaltung");
    assertThat(labels.get(1).path("LanguageCode").asInt()).isEqualTo(1031);
    assertThat(labels.get(0).path("MetadataId").asText())
        .isNotEqualTo(labels.get(1).path("MetadataId").asText());
    assertThat(accounting.path("Label").path("UserLocalizedLabel")).isEqualTo(labels.get(0));
    assertThat(accounting.path("Description").path("LocalizedLabels")).isEmpty();
    assertThat(accounting.path("Color").isNull()).isTrue();
    assertThat(accounting.path("IsManaged").asBoolean()).isFalse();
  }

  @Test
  void globalOptionSetFillsBothOptionSetAndGlobalOptionSet() {
    JsonNode answer = metadata.get(PICKLISTS, "$expand", OPTION_SETS);

    JsonNode region = item(answer, "LogicalName", "cr_region");
    assertThat(region.path("GlobalOptionSet").path("Name").asText()).isEqualTo("cr_region");
    assertThat(region.path("GlobalOptionSet").path("IsGlobal").asBoolean()).isTrue();
    assertThat(region.path("OptionSet")).isEqualTo(region.path("GlobalOptionSet"));
    assertThat(region.path("OptionSet").path("Options")).hasSize(5);
  }

  @Test
  void nestedSelectCutsTheOptionSetDownToItsOptions() {
    JsonNode answer =
        metadata.get(PICKLISTS, "$select", "LogicalName", "$expand", "OptionSet($select=Options)");

    JsonNode optionSet = item(answer, "LogicalName", "industrycode").path("OptionSet");
    assertThat(fieldNames(optionSet)).containsExactly("MetadataId", "Options");
    assertThat(optionSet.path("Options")).hasSize(8);
  }

  @Test
  void stateOptionsCarryDefaultStatusAndInvariantName() {
    JsonNode answer =
        metadata.get(
            "EntityDefinitions(LogicalName='lead')/Attributes/" + NS + "StateAttributeMetadata",
            "$select",
            "LogicalName",
            "$expand",
            "OptionSet");

    JsonNode optionSet = item(answer, "LogicalName", "statecode").path("OptionSet");
    assertThat(optionSet.path("OptionSetType").asText()).isEqualTo("State");
    JsonNode qualified = optionSet.path("Options").get(1);
    assertThat(qualified.path("@odata.type").asText()).isEqualTo("#" + NS + "StateOptionMetadata");
    assertThat(qualified.path("Value").asInt()).isEqualTo(1);
    assertThat(qualified.path("DefaultStatus").asInt()).isEqualTo(3);
    assertThat(qualified.path("InvariantName").asText()).isEqualTo("Qualified");
  }

  @Test
  void statusOptionsCarryTheirState() {
    JsonNode answer =
        metadata.get(
            "EntityDefinitions(LogicalName='lead')/Attributes/" + NS + "StatusAttributeMetadata",
            "$expand",
            "OptionSet");

    JsonNode options = item(answer, "LogicalName", "statuscode").path("OptionSet").path("Options");
    assertThat(options).hasSize(7);
    JsonNode lost = options.get(3);
    assertThat(lost.path("@odata.type").asText()).isEqualTo("#" + NS + "StatusOptionMetadata");
    assertThat(lost.path("Value").asInt()).isEqualTo(4);
    assertThat(lost.path("State").asInt()).isEqualTo(2);
    assertThat(lost.has("DefaultStatus")).isFalse();
  }

  @Test
  void multiSelectCastExpandsItsGlobalOptionSet() {
    JsonNode answer =
        metadata.get(
            "EntityDefinitions(LogicalName='contact')/Attributes/"
                + NS
                + "MultiSelectPicklistAttributeMetadata",
            "$select",
            "LogicalName",
            "$expand",
            OPTION_SETS);

    JsonNode channels = item(answer, "LogicalName", "cr_preferredchannels");
    assertThat(channels.path("GlobalOptionSet").path("Name").asText()).isEqualTo("cr_channel");
    assertThat(channels.path("OptionSet").path("Options")).hasSize(5);
  }

  @Test
  void booleanOptionSetHasTrueAndFalseOptions() {
    JsonNode answer =
        metadata.get(ACCOUNT + "/" + NS + "BooleanAttributeMetadata", "$expand", "OptionSet");

    JsonNode optionSet = item(answer, "LogicalName", "donotemail").path("OptionSet");
    assertThat(optionSet.path("OptionSetType").asText()).isEqualTo("Boolean");
    assertThat(optionSet.path("TrueOption").path("Value").asInt()).isEqualTo(1);
    assertThat(
            optionSet
                .path("TrueOption")
                .path("Label")
                .path("UserLocalizedLabel")
                .path("Label")
                .asText())
        .isEqualTo("Do Not Allow");
    assertThat(optionSet.path("FalseOption").path("Value").asInt()).isZero();
    assertThat(optionSet.has("Options")).isFalse();
  }

  @Test
  void lookupCastIncludesCustomerAndOwnerLookups() {
    JsonNode answer =
        metadata.get(
            "EntityDefinitions(LogicalName='contact')/Attributes/" + NS + "LookupAttributeMetadata",
            "$select",
            "LogicalName,Targets");

    assertThat(texts(answer, "LogicalName"))
        .containsExactly("parentcustomerid", "transactioncurrencyid", "ownerid");
  }

  @Test
  void singleAttributeCastExpandsItsOptionSet() {
    JsonNode industry =
        metadata.get(
            ACCOUNT + "(LogicalName='industrycode')/" + NS + "PicklistAttributeMetadata",
            "$select",
            "LogicalName",
            "$expand",
            OPTION_SETS);

    assertThat(industry.path("@odata.context").asText())
        .isEqualTo(
            CONTEXT
                + "EntityDefinitions('account')/Attributes/"
                + NS
                + "PicklistAttributeMetadata(LogicalName,OptionSet,GlobalOptionSet)/$entity");
    assertThat(industry.path("OptionSet").path("Name").asText()).isEqualTo("account_industrycode");
  }

  @Test
  void singleAttributeCastToAnotherTypeIsNotFound() {
    ODataException refusal =
        metadata.failure(ACCOUNT + "(LogicalName='name')/" + NS + "PicklistAttributeMetadata");

    assertThat(refusal.status()).isEqualTo(404);
    assertThat(refusal.getMessage())
        .contains("StringAttributeMetadata", "PicklistAttributeMetadata");
  }

  @Test
  void unknownCastIsNotFoundAndListsTheKnownTypes() {
    ODataException refusal = metadata.failure(ACCOUNT + "/" + NS + "ColourAttributeMetadata");

    assertThat(refusal.status()).isEqualTo(404);
    assertThat(refusal.getMessage())
        .contains("ColourAttributeMetadata", "PicklistAttributeMetadata");
  }

  @Test
  void optionSetsCanOnlyBeExpandedOnACastThatHasThem() {
    ODataException onBase = metadata.failure(ACCOUNT, "$expand", "OptionSet");
    ODataException onStrings =
        metadata.failure(ACCOUNT + "/" + NS + "StringAttributeMetadata", "$expand", "OptionSet");

    assertThat(onBase.status()).isEqualTo(400);
    assertThat(onBase.getMessage())
        .startsWith(
            "Could not find a property named 'OptionSet' on type '" + NS + "AttributeMetadata'.")
        .contains(NS + "PicklistAttributeMetadata");
    assertThat(onStrings.status()).isEqualTo(400);
  }

  @ParameterizedTest
  @EnumSource(AttributeKind.class)
  void everyKindsCastListsExactlyTheAttributesOfThatType(AttributeKind kind) {
    for (EntityDefinition entity : SampleOrganisation.metadata().entities()) {
      List<String> expected =
          entity.attributes().stream()
              .filter(a -> a.kind().metadataType().equals(kind.metadataType()))
              .map(AttributeDefinition::logicalName)
              .toList();

      JsonNode answer =
          metadata.get(
              "EntityDefinitions(LogicalName='"
                  + entity.logicalName()
                  + "')/Attributes/"
                  + NS
                  + kind.metadataType());

      assertThat(texts(answer, "LogicalName")).as(entity + " " + kind).isEqualTo(expected);
      assertThat(texts(answer, "@odata.type")).allMatch(("#" + NS + kind.metadataType())::equals);
    }
  }
}
