package io.dataexport.emulator.http.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.emulator.http.ODataException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests the metadata API refuses: malformed filters, unsupported options, unknown segments and
 * keys. Each must be a 4xx {@link ODataException}, never another exception (a 500).
 */
class MetadataRefusalsTest {
  private final SampleMetadataQueries metadata = new SampleMetadataQueries();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "LogicalName eq",
        "LogicalName 'account'",
        "LogicalName eq 'account",
        "(LogicalName eq 'account'",
        "LogicalName eq 'account')",
        "LogicalName eq 'account' and",
        "contains(LogicalName,'acc')",
        "ObjectTypeCode gt 1",
        "LogicalName eq account",
        "LogicalName eq 'a' # 1",
        " "
      })
  void malformedFilterIsABadRequestThatExplainsTheGrammar(String filter) {
    ODataException refusal = metadata.failure("EntityDefinitions", "$filter", filter);

    assertThat(refusal.status()).isEqualTo(400);
    assertThat(refusal.getMessage())
        .startsWith("The $filter '" + filter + "' is not valid: ")
        .contains("<Property> eq|ne <value>");
  }

  @Test
  void pagingAndOrderingOptionsAreRefusedBecauseMetadataIsNotPaged() {
    for (String option : List.of("$top", "$orderby", "$skip", "$count")) {
      ODataException refusal = metadata.failure("EntityDefinitions", option, "1");

      assertThat(refusal.status()).as(option).isEqualTo(400);
      assertThat(refusal.getMessage()).as(option).contains(option, "never paged");
    }
  }

  @Test
  void filterOnASingleEntityIsRefused() {
    ODataException refusal =
        metadata.failure(
            "EntityDefinitions(LogicalName='account')", "$filter", "LogicalName eq 'account'");

    assertThat(refusal.status()).isEqualTo(400);
  }

  @Test
  void unknownSegmentsAndKeysAreRefusedWithoutAStackTrace() {
    assertThat(metadata.failure("EntityDefinitions(LogicalName='account')/Forms").status())
        .isEqualTo(404);
    assertThat(metadata.failure("EntityDefinitions/Attributes").status()).isEqualTo(404);
    assertThat(metadata.failure("EntityDefinitions(Name='account')").status()).isEqualTo(400);
    assertThat(metadata.failure("EntityDefinitions(not-a-guid)").status()).isEqualTo(400);
    assertThat(metadata.failure("EntityDefinitions(00000000-0000-0000-0000-000000000000)").status())
        .isEqualTo(404);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "EntityDefinitions(LogicalName='account')/Attributes(LogicalName='name')/x/y|$select|x",
        "EntityDefinitions(LogicalName='account')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata(LogicalName='x')|$select|LogicalName",
        "EntityDefinitions(LogicalName='account')/Keys(x)|$select|LogicalName",
        "EntityDefinitions()|$select|LogicalName",
        "GlobalOptionSetDefinitions(Name='cr_region')/Options|$select|Name",
        "RelationshipDefinitions(SchemaName='x')/a/b|$select|SchemaName",
        "RelationshipDefinitions/Microsoft.Dynamics.CRM.Nothing|$select|SchemaName",
        "EntityDefinitions|$expand|Attributes($top=1)",
        "EntityDefinitions|$expand|Attributes($bogus=1)",
        "EntityDefinitions|$expand|Attributes(",
        "EntityDefinitions|$expand|Attributes)",
        "EntityDefinitions|$expand|Attributes,,Keys",
        "EntityDefinitions|$expand|Attributes(LogicalName)",
        "EntityDefinitions|$filter|ObjectTypeCode eq 1e9999999999",
        "EntityDefinitions|$filter|not not not",
        "EntityDefinitions|$filter|MetadataId eq 7081650-edb9",
        "EntityDefinitions(LogicalName='account')|$expand|Attributes($filter=Colour eq 1)",
        "EntityDefinitions(LogicalName='account')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata|$expand|OptionSet($filter=Name eq 'x')",
        "EntityDefinitions(LogicalName='account')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata|$expand|OptionSet($select=Colour)",
      })
  void oddRequestsAreRefusedAsClientErrorsNeverAsFailures(
      String path, String option, String value) {
    assertThat(metadata.failure(path, option, value).status()).isBetween(400, 404);
  }

  @Test
  void deeplyNestedFilterIsRefusedRatherThanOverflowingTheStack() {
    String filter = "(".repeat(10_000) + "LogicalName eq 'account'" + ")".repeat(10_000);

    ODataException refusal = metadata.failure("EntityDefinitions", "$filter", filter);

    assertThat(refusal.status()).isEqualTo(400);
    assertThat(refusal.getMessage()).contains("nests deeper");
  }
}
