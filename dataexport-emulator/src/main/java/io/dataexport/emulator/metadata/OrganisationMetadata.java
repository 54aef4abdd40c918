package io.dataexport.emulator.metadata;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The metadata catalogue of an organisation: entities, global option sets, relationships. */
public final class OrganisationMetadata {
  private final Map<String, EntityDefinition> byLogicalName = new LinkedHashMap<>();
  private final Map<String, EntityDefinition> byEntitySetName = new LinkedHashMap<>();
  private final Map<String, OptionSetDefinition> globalOptionSets = new LinkedHashMap<>();
  private final List<RelationshipDefinition> relationships;

  public OrganisationMetadata(
      List<EntityDefinition> entities, List<RelationshipDefinition> relationships) {
    for (EntityDefinition entity : entities) {
      byLogicalName.put(entity.logicalName(), entity);
      byEntitySetName.put(entity.entitySetName(), entity);
      for (AttributeDefinition attribute : entity.attributes()) {
        if (attribute.optionSet() != null && attribute.optionSet().global()) {
          globalOptionSets.putIfAbsent(attribute.optionSet().name(), attribute.optionSet());
        }
      }
    }
    this.relationships = List.copyOf(relationships);
  }

  public Collection<EntityDefinition> entities() {
    return byLogicalName.values();
  }

  public Optional<EntityDefinition> entity(String logicalName) {
    return Optional.ofNullable(byLogicalName.get(logicalName));
  }

  public Optional<EntityDefinition> entityBySetName(String entitySetName) {
    return Optional.ofNullable(byEntitySetName.get(entitySetName));
  }

  public Collection<OptionSetDefinition> globalOptionSets() {
    return globalOptionSets.values();
  }

  public Optional<OptionSetDefinition> globalOptionSet(String name) {
    return Optional.ofNullable(globalOptionSets.get(name));
  }

  public List<RelationshipDefinition> relationships() {
    return relationships;
  }

  /** Relationships in which the entity takes part, on either side. */
  public List<RelationshipDefinition> relationshipsOf(String logicalName) {
    return relationships.stream()
        .filter(
            r ->
                r.entity1LogicalName().equals(logicalName)
                    || r.entity2LogicalName().equals(logicalName))
        .toList();
  }

  public Optional<RelationshipDefinition> relationship(String schemaName) {
    return relationships.stream().filter(r -> r.schemaName().equals(schemaName)).findFirst();
  }
}
