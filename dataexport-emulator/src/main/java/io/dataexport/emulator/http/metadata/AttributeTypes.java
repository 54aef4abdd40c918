package io.dataexport.emulator.http.metadata;

import io.dataexport.emulator.metadata.AttributeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code AttributeMetadata} type family: the base type, one derived type per attribute kind
 * (several kinds may share one, as lookups, customers and owners share {@code
 * LookupAttributeMetadata}), and the abstract {@code EnumAttributeMetadata} of the choice kinds.
 */
final class AttributeTypes {
  /** The base type, which collections without a cast and single attributes are typed as. */
  static final MetadataType BASE;

  private static final String ENUM = "EnumAttributeMetadata";
  private static final Map<String, MetadataType> DERIVED = new LinkedHashMap<>();

  static {
    Map<String, String> owners = new HashMap<>();
    for (AttributeKind kind : AttributeKind.values()) {
      List<String> extra = new ArrayList<>(AttributeMetadataJson.derivedProperties(kind));
      extra.addAll(AttributeMetadataJson.derivedNavigations(kind));
      extra.forEach(p -> owners.putIfAbsent(p, kind.metadataType()));
      DERIVED.putIfAbsent(kind.metadataType(), derived(kind.metadataType(), kind));
    }
    // a picklist is the cast people mean when they ask for option sets, not a Boolean
    owners.put("OptionSet", AttributeKind.PICKLIST.metadataType());
    owners.put("GlobalOptionSet", AttributeKind.PICKLIST.metadataType());
    DERIVED.put(ENUM, derived(ENUM, AttributeKind.PICKLIST));
    BASE =
        new MetadataType(
            "AttributeMetadata",
            new LinkedHashSet<>(AttributeMetadataJson.BASE_PROPERTIES),
            Set.of(),
            owners);
  }

  private AttributeTypes() {}

  private static MetadataType derived(String name, AttributeKind kind) {
    List<String> properties = new ArrayList<>(AttributeMetadataJson.BASE_PROPERTIES);
    properties.addAll(AttributeMetadataJson.derivedProperties(kind));
    return MetadataType.of(name, properties, AttributeMetadataJson.derivedNavigations(kind));
  }

  /** The derived type an attribute of the kind is serialised as. */
  static MetadataType of(AttributeKind kind) {
    return DERIVED.get(kind.metadataType());
  }

  /**
   * The type a cast segment such as {@code Microsoft.Dynamics.CRM.PicklistAttributeMetadata} names.
   *
   * @return empty when the segment names no attribute type
   */
  static Optional<MetadataType> cast(String segment) {
    if (!segment.startsWith(MetadataType.NAMESPACE)) {
      return Optional.empty();
    }
    String name = segment.substring(MetadataType.NAMESPACE.length());
    return name.equals(BASE.name()) ? Optional.of(BASE) : Optional.ofNullable(DERIVED.get(name));
  }

  /** Whether an attribute of the kind is an instance of the type (its own type or a base). */
  static boolean includes(MetadataType type, AttributeKind kind) {
    if (type.name().equals(BASE.name())) {
      return true;
    }
    if (type.name().equals(ENUM)) {
      return kind.hasOptions() || kind == AttributeKind.ENTITY_NAME;
    }
    return type.name().equals(kind.metadataType());
  }

  /** The names of all attribute types a cast may name, for error messages. */
  static List<String> castNames() {
    return List.copyOf(DERIVED.keySet());
  }
}
