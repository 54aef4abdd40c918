package io.dataexport.emulator.http.metadata;

import static io.dataexport.emulator.http.metadata.SampleMetadataQueries.CONTEXT;
import static io.dataexport.emulator.http.metadata.SampleMetadataQueries.item;
import static io.dataexport.emulator.http.metadata.SampleMetadataQueries.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.emulator.http.ODataException;
import org.junit.jupiter.api.Test;

/** N:N relationships from the model, 1:N relationships derived from lookups. */
class MetadataRelationshipsTest {
  private static final String NS = "Microsoft.Dynamics.CRM.";
  private static final String MANY_TO_MANY = NS + "ManyToManyRelationshipMetadata";
  private static final String ONE_TO_MANY = NS + "OneToManyRelationshipMetadata";

  private final SampleMetadataQueries metadata = new SampleMetadataQueries();

  @Test
  void accountsManyToManyRelationshipsDescribeTheIntersectEntity() {
    JsonNode answer =
        metadata.get("EntityDefinitions(LogicalName='account')/ManyToManyRelationships");

    assertThat(answer.path("@odata.context").asText())
        .isEqualTo(CONTEXT + "EntityDefinitions('account')/ManyToManyRelationships");
    assertThat(answer.path("value")).hasSize(1);
    JsonNode accountLeads = answer.path("value").get(0);
    assertThat(accountLeads.path("@odata.type").asText()).isEqualTo("#" + MANY_TO_MANY);
    assertThat(accountLeads.path("MetadataId").asText()).hasSize(36);
    assertThat(accountLeads.path("SchemaName").asText()).isEqualTo("accountleads_association");
    assertThat(accountLeads.path("IntersectEntityName").asText()).isEqualTo("accountleads");
    assertThat(accountLeads.path("Entity1LogicalName").asText()).isEqualTo("account");
    assertThat(accountLeads.path("Entity1IntersectAttribute").asText()).isEqualTo("accountid");
    assertThat(accountLeads.path("Entity1NavigationPropertyName").asText())
        .isEqualTo("accountleads_association");
    assertThat(accountLeads.path("Entity2LogicalName").asText()).isEqualTo("lead");
    assertThat(accountLeads.path("Entity2IntersectAttribute").asText()).isEqualTo("leadid");
    assertThat(accountLeads.path("Entity2NavigationPropertyName").asText())
        .isEqualTo("accountleads_association");
    assertThat(accountLeads.path("RelationshipType").asText()).isEqualTo("ManyToManyRelationship");
  }

  @Test
  void leadSeesTheSameRelationshipFromTheOtherSide() {
    JsonNode answer = metadata.get("EntityDefinitions(LogicalName='lead')/ManyToManyRelationships");

    assertThat(texts(answer, "SchemaName")).containsExactly("accountleads_association");
  }

  @Test
  void relationshipDefinitionsCastListsOnlyManyToManyRelationships() {
    JsonNode answer = metadata.get("RelationshipDefinitions/" + MANY_TO_MANY);

    assertThat(answer.path("@odata.context").asText())
        .isEqualTo(CONTEXT + "RelationshipDefinitions/" + MANY_TO_MANY);
    assertThat(texts(answer, "SchemaName")).containsExactly("accountleads_association");
  }

  @Test
  void relationshipDefinitionBySchemaNameIsTheSingleRelationship() {
    JsonNode relationship =
        metadata.get(
            "RelationshipDefinitions(SchemaName='accountleads_association')",
            "$select",
            "SchemaName");

    assertThat(relationship.path("@odata.context").asText())
        .isEqualTo(CONTEXT + "RelationshipDefinitions(SchemaName)/$entity");
    assertThat(relationship.path("@odata.type").asText()).isEqualTo("#" + MANY_TO_MANY);
    assertThat(relationship.path("SchemaName").asText()).isEqualTo("accountleads_association");
    assertThat(relationship.has("IntersectEntityName")).isFalse();

    JsonNode cast =
        metadata.get(
            "RelationshipDefinitions(SchemaName='accountleads_association')/" + MANY_TO_MANY,
            "$select",
            "IntersectEntityName");
    assertThat(cast.path("IntersectEntityName").asText()).isEqualTo("accountleads");
  }

  @Test
  void unknownRelationshipIsNotFound() {
    ODataException refusal = metadata.failure("RelationshipDefinitions(SchemaName='nope')");

    assertThat(refusal.status()).isEqualTo(404);
    assertThat(refusal.getMessage())
        .isEqualTo("Could not find relationship with schema name 'nope'.");
  }

  @Test
  void relationshipOfAnotherTypeThanTheCastIsNotFound() {
    ODataException refusal =
        metadata.failure(
            "RelationshipDefinitions(SchemaName='accountleads_association')/" + ONE_TO_MANY);

    assertThat(refusal.status()).isEqualTo(404);
  }

  @Test
  void derivedRelationshipPropertiesNeedACast() {
    ODataException refusal =
        metadata.failure("RelationshipDefinitions", "$select", "Entity1LogicalName");

    assertThat(refusal.status()).isEqualTo(400);
    assertThat(refusal.getMessage()).contains("RelationshipMetadataBase", MANY_TO_MANY);
  }

  @Test
  void lookupsPointingAtAnEntityAreItsOneToManyRelationships() {
    JsonNode answer =
        metadata.get(
            "EntityDefinitions(LogicalName='account')/OneToManyRelationships",
            "$filter",
            "ReferencingEntity eq 'contact'");

    JsonNode customer = item(answer, "ReferencingAttribute", "parentcustomerid");
    assertThat(customer.path("@odata.type").asText()).isEqualTo("#" + ONE_TO_MANY);
    assertThat(customer.path("SchemaName").asText()).isEqualTo("contact_parentcustomerid_account");
    assertThat(customer.path("ReferencedEntity").asText()).isEqualTo("account");
    assertThat(customer.path("ReferencedAttribute").asText()).isEqualTo("accountid");
    assertThat(customer.path("ReferencingEntityNavigationPropertyName").asText())
        .isEqualTo("parentcustomerid_account");
    assertThat(customer.path("RelationshipType").asText()).isEqualTo("OneToManyRelationship");
  }

  @Test
  void anEntitysOwnLookupsAreItsManyToOneRelationships() {
    JsonNode answer =
        metadata.get(
            "EntityDefinitions(LogicalName='account')/ManyToOneRelationships",
            "$select",
            "ReferencingAttribute,ReferencedEntity");

    assertThat(texts(answer, "ReferencingAttribute"))
        .containsExactly(
            "primarycontactid", "parentaccountid", "transactioncurrencyid", "ownerid", "ownerid");
    assertThat(texts(answer, "ReferencedEntity"))
        .containsExactly("contact", "account", "transactioncurrency", "systemuser", "team");
  }

  @Test
  void allRelationshipDefinitionsHoldBothKinds() {
    JsonNode answer = metadata.get("RelationshipDefinitions");

    assertThat(texts(answer, "@odata.type")).contains("#" + MANY_TO_MANY, "#" + ONE_TO_MANY);
    assertThat(texts(metadata.get("RelationshipDefinitions/" + ONE_TO_MANY), "SchemaName"))
        .contains("account_primarycontactid_contact")
        .doesNotContain("accountleads_association");
  }

  @Test
  void relationshipsExpandOnTheEntity() {
    JsonNode account =
        metadata.get(
            "EntityDefinitions(LogicalName='account')",
            "$select",
            "LogicalName",
            "$expand",
            "ManyToManyRelationships($select=SchemaName),ManyToOneRelationships");

    assertThat(account.path("ManyToManyRelationships").get(0).path("SchemaName").asText())
        .isEqualTo("accountleads_association");
    assertThat(account.path("ManyToOneRelationships")).hasSize(5);
  }
}
