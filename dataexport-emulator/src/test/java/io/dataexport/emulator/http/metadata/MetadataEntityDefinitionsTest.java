package io.dataexport.emulator.http.metadata;

import static io.dataexport.emulator.http.metadata.SampleMetadataQueries.CONTEXT;
import static io.dataexport.emulator.http.metadata.SampleMetadataQueries.fieldNames;
import static io.dataexport.emulator.http.metadata.SampleMetadataQueries.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.emulator.http.ODataException;
import io.dataexport.emulator.sample.SampleOrganisation;
import org.junit.jupiter.api.Test;

/** {@code EntityDefinitions}: the list, $select, $filter, one entity by key, $expand. */
class MetadataEntityDefinitionsTest {
  private final SampleMetadataQueries metadata = new SampleMetadataQueries();

  @Test
  void entityDefinitionsListsEveryEntityOfTheOrganisation() {
    JsonNode answer = metadata.get("EntityDefinitions");

    assertThat(answer.path("@odata.context").asText()).isEqualTo(CONTEXT + "EntityDefinitions");
    assertThat(texts(answer, "LogicalName"))
        .containsExactlyElementsOf(
            SampleOrganisation.metadata().entities().stream().map(e -> e.logicalName()).toList());
    assertThat(answer.has("@odata.nextLink")).isFalse();
  }

  @Test
  void changeTrackingFilterLeavesOutEntitiesWithoutIt() {
    JsonNode answer =
        metadata.get(
            "EntityDefinitions",
            "$select",
            "LogicalName",
            "$filter",
            "ChangeTrackingEnabled eq true");

    assertThat(answer.path("@odata.context").asText())
        .isEqualTo(CONTEXT + "EntityDefinitions(LogicalName)");
    assertThat(texts(answer, "LogicalName"))
        .contains("account", "contact", "lead", "opportunity", "accountleads")
        .doesNotContain("businessunit");
    assertThat(fieldNames(answer.path("value").get(0)))
        .containsExactly("MetadataId", "LogicalName");
  }

  @Test
  void filterCombinesComparisonsWithAndOrNotAndParentheses() {
    assertThat(
            texts(
                metadata.get(
                    "EntityDefinitions",
                    "$filter",
                    "(LogicalName eq 'account' or LogicalName eq 'contact') and IsIntersect eq false"),
                "LogicalName"))
        .containsExactly("account", "contact");
    assertThat(
            texts(
                metadata.get("EntityDefinitions", "$filter", "not (ChangeTrackingEnabled eq true)"),
                "LogicalName"))
        .containsExactly("businessunit");
    assertThat(
            texts(
                metadata.get("EntityDefinitions", "$filter", "ObjectTypeCode eq 1"), "LogicalName"))
        .containsExactly("account");
    assertThat(
            texts(
                metadata.get("EntityDefinitions", "$filter", "PrimaryNameAttribute eq null"),
                "LogicalName"))
        .containsExactly("accountleads");
    assertThat(
            texts(
                metadata.get(
                    "EntityDefinitions",
                    "$filter",
                    "LogicalName ne 'account' and IsIntersect eq true"),
                "LogicalName"))
        .containsExactly("accountleads");
    assertThat(
            texts(
                metadata.get(
                    "EntityDefinitions",
                    "$filter",
                    "DisplayName/UserLocalizedLabel/Label eq 'Lead'"),
                "LogicalName"))
        .containsExactly("lead");
  }

  @Test
  void entityByLogicalNameCarriesEveryDocumentedProperty() {
    JsonNode account = metadata.get("EntityDefinitions(LogicalName='account')");

    assertThat(account.path("@odata.context").asText())
        .isEqualTo(CONTEXT + "EntityDefinitions/$entity");
    assertThat(account.path("MetadataId").asText()).hasSize(36);
    assertThat(account.path("LogicalName").asText()).isEqualTo("account");
    assertThat(account.path("SchemaName").asText()).isEqualTo("Account");
    assertThat(account.path("EntitySetName").asText()).isEqualTo("accounts");
    assertThat(account.path("LogicalCollectionName").asText()).isEqualTo("accounts");
    assertThat(account.path("ObjectTypeCode").asInt()).isEqualTo(1);
    assertThat(account.path("PrimaryIdAttribute").asText()).isEqualTo("accountid");
    assertThat(account.path("PrimaryNameAttribute").asText()).isEqualTo("name");
    assertThat(account.path("ChangeTrackingEnabled").asBoolean()).isTrue();
    assertThat(account.path("IsIntersect").asBoolean()).isFalse();
    assertThat(account.path("IsCustomEntity").isBoolean()).isTrue();
    assertThat(account.path("DisplayName").path("UserLocalizedLabel").path("Label").asText())
        .isEqualTo("Account");
    assertThat(account.has("Attributes")).isFalse();
  }

  @Test
  void selectRestrictsTheEntityAndNamesItInTheContext() {
    JsonNode account =
        metadata.get(
            "EntityDefinitions(LogicalName='account')",
            "$select",
            "LogicalName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute,ChangeTrackingEnabled");

    assertThat(account.path("@odata.context").asText())
        .isEqualTo(
            CONTEXT
                + "EntityDefinitions(LogicalName,EntitySetName,PrimaryIdAttribute,"
                + "PrimaryNameAttribute,ChangeTrackingEnabled)/$entity");
    assertThat(fieldNames(account))
        .containsExactly(
            "@odata.context",
            "MetadataId",
            "LogicalName",
            "EntitySetName",
            "PrimaryIdAttribute",
            "PrimaryNameAttribute",
            "ChangeTrackingEnabled");
  }

  @Test
  void entityByMetadataIdIsTheSameEntityAsByLogicalName() {
    JsonNode byName = metadata.get("EntityDefinitions(LogicalName='contact')");
    String id = byName.path("MetadataId").asText();

    JsonNode byId = metadata.get("EntityDefinitions(" + id + ")");

    assertThat(byId).isEqualTo(byName);
  }

  @Test
  void displayNameIsALocalizedLabelWhoseIdsAreStableAcrossRequests() {
    JsonNode first = metadata.get("EntityDefinitions(LogicalName='lead')").path("DisplayName");
    JsonNode second = new SampleMetadataQueries().get("EntityDefinitions(LogicalName='lead')");

    JsonNode english = first.path("LocalizedLabels").get(0);
    assertThat(english.path("Label").asText()).isEqualTo("Lead");
    assertThat(english.path("LanguageCode").asInt()).isEqualTo(1033);
    assertThat(english.path("IsManaged").asBoolean()).isFalse();
    assertThat(english.path("HasChanged").isNull()).isTrue();
    assertThat(first.path("UserLocalizedLabel")).isEqualTo(english);
    assertThat(second.path("DisplayName")).isEqualTo(first);
  }

  @Test
  void expandAttributesInlinesTheAttributesWithTheirNestedSelect() {
    JsonNode account =
        metadata.get(
            "EntityDefinitions(LogicalName='account')",
            "$select",
            "LogicalName",
            "$expand",
            "Attributes($select=LogicalName,AttributeType;$filter=IsPrimaryId eq true)");

    assertThat(account.path("@odata.context").asText())
        .isEqualTo(CONTEXT + "EntityDefinitions(LogicalName,Attributes)/$entity");
    JsonNode attributes = account.path("Attributes");
    assertThat(attributes).hasSize(1);
    assertThat(fieldNames(attributes.get(0)))
        .containsExactly("@odata.type", "MetadataId", "LogicalName", "AttributeType");
    assertThat(attributes.get(0).path("LogicalName").asText()).isEqualTo("accountid");
  }

  @Test
  void expandAttributesWithoutOptionsInlinesEveryAttribute() {
    JsonNode lead = metadata.get("EntityDefinitions(LogicalName='lead')", "$expand", "Attributes");

    assertThat(lead.path("Attributes").size())
        .isEqualTo(SampleOrganisation.metadata().entity("lead").orElseThrow().attributes().size());
  }

  @Test
  void unknownEntityIsNotFoundInDataverseWords() {
    ODataException refusal = metadata.failure("EntityDefinitions(LogicalName='foo')");

    assertThat(refusal.status()).isEqualTo(404);
    assertThat(refusal.code()).isEqualTo("0x80040217");
    assertThat(refusal.getMessage()).isEqualTo("Could not find entity with logical name 'foo'.");
  }

  @Test
  void unknownSelectPropertyIsABadRequestNamingEntityMetadata() {
    ODataException refusal = metadata.failure("EntityDefinitions", "$select", "LogicalName,Colour");

    assertThat(refusal.status()).isEqualTo(400);
    assertThat(refusal.getMessage())
        .isEqualTo(
            "Could not find a property named 'Colour' on type"
                + " 'Microsoft.Dynamics.CRM.EntityMetadata'.");
  }

  @Test
  void filterOnAnUnknownPropertyNamesTheProperty() {
    ODataException refusal = metadata.failure("EntityDefinitions", "$filter", "Colour eq 'red'");

    assertThat(refusal.status()).isEqualTo(400);
    assertThat(refusal.getMessage()).contains("'Colour'", "Microsoft.Dynamics.CRM.EntityMetadata");
  }

  @Test
  void unknownExpandIsABadRequest() {
    ODataException refusal = metadata.failure("EntityDefinitions", "$expand", "Forms");

    assertThat(refusal.status()).isEqualTo(400);
    assertThat(refusal.getMessage())
        .isEqualTo(
            "Could not find a property named 'Forms' on type 'Microsoft.Dynamics.CRM.EntityMetadata'.");
  }

  @Test
  void selectingANavigationPropertyPointsToExpand() {
    ODataException refusal = metadata.failure("EntityDefinitions", "$select", "Attributes");

    assertThat(refusal.status()).isEqualTo(400);
    assertThat(refusal.getMessage()).contains("$expand=Attributes");
  }

  @Test
  void metadataIdFilterMatchesGuidLiterals() {
    String id = metadata.get("EntityDefinitions(LogicalName='team')").path("MetadataId").asText();

    assertThat(
            texts(
                metadata.get("EntityDefinitions", "$filter", "MetadataId eq " + id.toUpperCase()),
                "LogicalName"))
        .containsExactly("team");
  }
}
