package io.dataexport.dataverse.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.api.schema.AttributeSchema;
import io.dataexport.api.schema.AttributeType;
import io.dataexport.api.schema.OptionSetSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps Dataverse attribute metadata ({@code AttributeType}, {@code AttributeTypeName} and the
 * type-specific properties) to {@link AttributeSchema}. The one place that decides which attributes
 * are exported and as what.
 */
final class AttributeMapper {
  private static final String MULTI_SELECT = "MultiSelectPicklistType";

  /** {@code AttributeType} values exported, and as what. */
  private static final Map<String, AttributeType> TYPES =
      Map.ofEntries(
          Map.entry("String", AttributeType.STRING),
          Map.entry("Memo", AttributeType.MEMO),
          Map.entry("Integer", AttributeType.INTEGER),
          Map.entry("BigInt", AttributeType.BIGINT),
          Map.entry("Decimal", AttributeType.DECIMAL),
          Map.entry("Double", AttributeType.DOUBLE),
          Map.entry("Money", AttributeType.MONEY),
          Map.entry("Boolean", AttributeType.BOOLEAN),
          Map.entry("DateTime", AttributeType.DATETIME),
          Map.entry("Lookup", AttributeType.LOOKUP),
          Map.entry("Customer", AttributeType.CUSTOMER),
          Map.entry("Owner", AttributeType.OWNER),
          Map.entry("Picklist", AttributeType.PICKLIST),
          Map.entry("State", AttributeType.STATE),
          Map.entry("Status", AttributeType.STATUS),
          Map.entry("Uniqueidentifier", AttributeType.UNIQUEIDENTIFIER),
          Map.entry("EntityName", AttributeType.ENTITY_NAME));

  /** The attribute metadata cast that carries each choice type's option set. */
  static final Map<AttributeType, String> OPTION_SET_CASTS =
      Map.of(
          AttributeType.PICKLIST, "PicklistAttributeMetadata",
          AttributeType.STATE, "StateAttributeMetadata",
          AttributeType.STATUS, "StatusAttributeMetadata",
          AttributeType.MULTI_SELECT_PICKLIST, "MultiSelectPicklistAttributeMetadata");

  private AttributeMapper() {}

  /**
   * The exported type of an attribute, or empty when it is not exported: not readable, of a kind
   * with no column (party lists, images, files, other virtual attributes), or a companion of
   * another attribute (such as a lookup's name) that the Web API does not return by itself.
   *
   * @param lookups logical names of the entity's readable lookups; an entity-name companion of one
   *     of them (such as {@code owneridtype}) is exported, its value taken from the lookup
   */
  static Optional<AttributeType> typeOf(JsonNode attribute, Set<String> lookups) {
    if (!attribute.path("IsValidForRead").asBoolean(true)) {
      return Optional.empty();
    }
    String typeName = attribute.path("AttributeTypeName").path("Value").asText("");
    AttributeType type =
        typeName.equals(MULTI_SELECT)
            ? AttributeType.MULTI_SELECT_PICKLIST
            : TYPES.get(attribute.path("AttributeType").asText(""));
    if (type == null) {
      return Optional.empty();
    }
    String attributeOf = attribute.path("AttributeOf").asText("");
    if (!attributeOf.isEmpty()
        && !(type == AttributeType.ENTITY_NAME && lookups.contains(attributeOf))) {
      return Optional.empty();
    }
    return Optional.of(type);
  }

  /** The logical names of the readable lookup, customer and owner attributes. */
  static Set<String> lookups(JsonNode attributes) {
    Set<String> names = new HashSet<>();
    for (JsonNode attribute : attributes) {
      AttributeType type = TYPES.get(attribute.path("AttributeType").asText(""));
      if (type != null
          && type.isLookup()
          && attribute.path("IsValidForRead").asBoolean(true)
          && attribute.path("AttributeOf").asText("").isEmpty()) {
        names.add(attribute.path("LogicalName").asText());
      }
    }
    return names;
  }

  /**
   * The attribute's schema.
   *
   * @param type its exported type, from {@link #typeOf}
   * @param optionSets option sets by attribute logical name (choices, states, statuses)
   */
  static AttributeSchema schema(
      JsonNode attribute, AttributeType type, Map<String, OptionSetSchema> optionSets) {
    String name = attribute.path("LogicalName").asText();
    Integer maxLength =
        type == AttributeType.STRING || type == AttributeType.MEMO
            ? integer(attribute, "MaxLength")
            : null;
    Integer precision =
        type == AttributeType.DECIMAL || type == AttributeType.MONEY || type == AttributeType.DOUBLE
            ? integer(attribute, "Precision")
            : null;
    boolean dateOnly =
        type == AttributeType.DATETIME
            && ("DateOnly".equals(attribute.path("Format").asText())
                || "DateOnly".equals(attribute.path("DateTimeBehavior").path("Value").asText()));
    List<String> targets = new ArrayList<>();
    if (type.isLookup()) {
      attribute.path("Targets").forEach(t -> targets.add(t.asText()));
    }
    OptionSetSchema optionSet = OPTION_SET_CASTS.containsKey(type) ? optionSets.get(name) : null;
    return new AttributeSchema(name, type, maxLength, precision, dateOnly, targets, optionSet);
  }

  private static Integer integer(JsonNode attribute, String property) {
    JsonNode value = attribute.path(property);
    return value.isNumber() ? value.intValue() : null;
  }
}
