package io.dataexport.emulator.metadata;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One entity (table) of the organisation.
 *
 * <p>Attribute positions are stable: record values are stored in arrays indexed by {@link
 * #indexOf(String)}.
 */
public final class EntityDefinition {
  private final String logicalName;
  private final String schemaName;
  private final String entitySetName;
  private final Label displayName;
  private final int objectTypeCode;
  private final boolean changeTrackingEnabled;
  private final boolean intersect;
  private final String primaryIdAttribute;
  private final String primaryNameAttribute;
  private final UUID metadataId;
  private final List<AttributeDefinition> attributes;
  private final Map<String, Integer> indexByLogicalName = new HashMap<>();
  private final Map<String, Integer> indexByJsonName = new HashMap<>();

  public EntityDefinition(
      String logicalName,
      String schemaName,
      String entitySetName,
      Label displayName,
      int objectTypeCode,
      boolean changeTrackingEnabled,
      boolean intersect,
      String primaryIdAttribute,
      String primaryNameAttribute,
      UUID metadataId,
      List<AttributeDefinition> attributes) {
    this.logicalName = logicalName;
    this.schemaName = schemaName;
    this.entitySetName = entitySetName;
    this.displayName = displayName;
    this.objectTypeCode = objectTypeCode;
    this.changeTrackingEnabled = changeTrackingEnabled;
    this.intersect = intersect;
    this.primaryIdAttribute = primaryIdAttribute;
    this.primaryNameAttribute = primaryNameAttribute;
    this.metadataId = metadataId;
    this.attributes = List.copyOf(attributes);
    for (int i = 0; i < this.attributes.size(); i++) {
      indexByLogicalName.put(this.attributes.get(i).logicalName(), i);
      indexByJsonName.put(this.attributes.get(i).jsonName(), i);
    }
    if (!indexByLogicalName.containsKey(primaryIdAttribute)) {
      throw new IllegalArgumentException(
          logicalName + " lacks its primary id " + primaryIdAttribute);
    }
  }

  public String logicalName() {
    return logicalName;
  }

  public String schemaName() {
    return schemaName;
  }

  public String entitySetName() {
    return entitySetName;
  }

  public Label displayName() {
    return displayName;
  }

  public int objectTypeCode() {
    return objectTypeCode;
  }

  public boolean changeTrackingEnabled() {
    return changeTrackingEnabled;
  }

  public boolean intersect() {
    return intersect;
  }

  public String primaryIdAttribute() {
    return primaryIdAttribute;
  }

  /** The primary name attribute, or null for entities without one (intersect entities). */
  public String primaryNameAttribute() {
    return primaryNameAttribute;
  }

  public UUID metadataId() {
    return metadataId;
  }

  public List<AttributeDefinition> attributes() {
    return attributes;
  }

  /** Position of the attribute in record value arrays, or -1. */
  public int indexOf(String logicalName) {
    return indexByLogicalName.getOrDefault(logicalName, -1);
  }

  /** Position of the attribute named as records show it ({@code _x_value} for lookups), or -1. */
  public int indexOfJsonName(String jsonName) {
    return indexByJsonName.getOrDefault(jsonName, -1);
  }

  public Optional<AttributeDefinition> attribute(String logicalName) {
    int index = indexOf(logicalName);
    return index < 0 ? Optional.empty() : Optional.of(attributes.get(index));
  }

  public int primaryIdIndex() {
    return indexOf(primaryIdAttribute);
  }

  @Override
  public String toString() {
    return logicalName;
  }
}
