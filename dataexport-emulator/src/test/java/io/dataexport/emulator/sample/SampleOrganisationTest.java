package io.dataexport.emulator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.emulator.metadata.AttributeDefinition;
import io.dataexport.emulator.metadata.AttributeKind;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.metadata.OrganisationMetadata;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SampleOrganisationTest {
  private final OrganisationMetadata metadata = SampleOrganisation.metadata();

  @Test
  void coversEveryAttributeKindTheServiceMaps() {
    Set<AttributeKind> kinds = EnumSet.noneOf(AttributeKind.class);
    metadata.entities().forEach(e -> e.attributes().forEach(a -> kinds.add(a.kind())));

    assertThat(kinds).containsExactlyInAnyOrder(AttributeKind.values());
    assertThat(metadata.entities().stream().flatMap(e -> e.attributes().stream()))
        .anyMatch(AttributeDefinition::dateOnly)
        .anyMatch(a -> a.optionSet() != null && a.optionSet().global())
        .anyMatch(a -> a.kind() == AttributeKind.PICKLIST && !a.optionSet().global());
  }

  @Test
  void holdsTheEntitiesOfACrmWithOneNToNRelationshipAndOneUntrackedEntity() {
    assertThat(metadata.entities().stream().map(EntityDefinition::logicalName))
        .contains(
            "account",
            "contact",
            "lead",
            "opportunity",
            "systemuser",
            "team",
            "transactioncurrency");
    assertThat(metadata.relationships())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.intersectEntityName()).isEqualTo("accountleads");
              assertThat(metadata.entity("accountleads").orElseThrow().intersect()).isTrue();
            });
    assertThat(
            metadata.entities().stream()
                .filter(e -> !e.changeTrackingEnabled())
                .map(EntityDefinition::logicalName))
        .containsExactly("businessunit");
  }

  @Test
  void everyLookupTargetsAnEntityOfTheOrganisation() {
    Set<String> names =
        metadata.entities().stream().map(EntityDefinition::logicalName).collect(Collectors.toSet());

    metadata
        .entities()
        .forEach(
            e ->
                e.attributes().stream()
                    .filter(a -> a.kind().isReference())
                    .forEach(
                        a ->
                            assertThat(names)
                                .as(e + "." + a.logicalName())
                                .containsAll(a.targets())));
  }
}
