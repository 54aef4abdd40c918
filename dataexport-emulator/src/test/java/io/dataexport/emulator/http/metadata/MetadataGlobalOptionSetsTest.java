package io.dataexport.emulator.http.metadata;

import static io.dataexport.emulator.http.metadata.SampleMetadataQueries.CONTEXT;
import static io.dataexport.emulator.http.metadata.SampleMetadataQueries.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.emulator.http.ODataException;
import org.junit.jupiter.api.Test;

/** {@code GlobalOptionSetDefinitions}: the shared option sets, listed and by name. */
class MetadataGlobalOptionSetsTest {
  private static final String TYPE = "#Microsoft.Dynamics.CRM.OptionSetMetadata";

  private final SampleMetadataQueries metadata = new SampleMetadataQueries();

  @Test
  void globalOptionSetDefinitionsListsEverySharedOptionSet() {
    JsonNode answer = metadata.get("GlobalOptionSetDefinitions");

    assertThat(answer.path("@odata.context").asText())
        .isEqualTo(CONTEXT + "GlobalOptionSetDefinitions");
    assertThat(texts(answer, "Name")).containsExactlyInAnyOrder("cr_region", "cr_channel");
    assertThat(texts(answer, "@odata.type")).containsOnly(TYPE);
  }

  @Test
  void globalOptionSetByNameCarriesItsOptions() {
    JsonNode region = metadata.get("GlobalOptionSetDefinitions(Name='cr_region')");

    assertThat(region.path("@odata.context").asText())
        .isEqualTo(CONTEXT + "GlobalOptionSetDefinitions/$entity");
    assertThat(region.path("@odata.type").asText()).isEqualTo(TYPE);
    assertThat(region.path("Name").asText()).isEqualTo("cr_region");
    assertThat(region.path("IsGlobal").asBoolean()).isTrue();
    assertThat(region.path("OptionSetType").asText()).isEqualTo("Picklist");
    JsonNode europe = region.path("Options").get(1);
    assertThat(europe.path("Value").asInt()).isEqualTo(2);
    assertThat(europe.path("Label").path("LocalizedLabels").get(1).path("Label").asText())
        .isEqualTo("Europa");
  }

  @Test
  void globalOptionSetIsTheSameObjectAnAttributeExpands() {
    JsonNode byName = metadata.get("GlobalOptionSetDefinitions(Name='cr_region')");
    JsonNode expanded =
        metadata
            .get(
                "EntityDefinitions(LogicalName='lead')/Attributes(LogicalName='cr_region')/"
                    + "Microsoft.Dynamics.CRM.PicklistAttributeMetadata",
                "$expand",
                "GlobalOptionSet")
            .path("GlobalOptionSet");

    assertThat(expanded.path("MetadataId")).isEqualTo(byName.path("MetadataId"));
    assertThat(expanded.path("Options")).isEqualTo(byName.path("Options"));
    assertThat(
            metadata.get("GlobalOptionSetDefinitions(" + byName.path("MetadataId").asText() + ")"))
        .isEqualTo(byName);
  }

  @Test
  void selectAndFilterApplyToGlobalOptionSets() {
    JsonNode answer =
        metadata.get(
            "GlobalOptionSetDefinitions", "$select", "Name", "$filter", "Name eq 'cr_channel'");

    assertThat(texts(answer, "Name")).containsExactly("cr_channel");
    assertThat(answer.path("value").get(0).has("Options")).isFalse();
  }

  @Test
  void unknownGlobalOptionSetIsNotFound() {
    ODataException refusal = metadata.failure("GlobalOptionSetDefinitions(Name='nope')");

    assertThat(refusal.status()).isEqualTo(404);
    assertThat(refusal.code()).isEqualTo("0x80040217");
    assertThat(refusal.getMessage())
        .isEqualTo("Could not find global option set with name 'nope'.");
  }

  @Test
  void localOptionSetIsNotAGlobalOne() {
    ODataException refusal =
        metadata.failure("GlobalOptionSetDefinitions(Name='account_industrycode')");

    assertThat(refusal.status()).isEqualTo(404);
  }
}
