package io.dataexport.emulator.http.metadata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.http.JsonBodies;
import io.dataexport.emulator.metadata.AttributeDefinition;
import io.dataexport.emulator.metadata.AttributeKind;
import io.dataexport.emulator.metadata.EntityDefinition;
import java.math.BigDecimal;
import java.util.List;

/**
 * Writes an attribute as its {@code AttributeMetadata}-derived type. The one place that knows which
 * type-specific properties each {@link AttributeKind} carries, both their names (for query
 * validation) and their values.
 */
final class AttributeMetadataJson {
  /** Properties every attribute has, whatever its derived type. */
  static final List<String> BASE_PROPERTIES =
      List.of(
          "MetadataId",
          "LogicalName",
          "SchemaName",
          "AttributeType",
          "AttributeTypeName",
          "EntityLogicalName",
          "IsPrimaryId",
          "IsPrimaryName",
          "IsValidForRead",
          "IsCustomAttribute",
          "AttributeOf",
          "DisplayName");

  private static final String CUSTOM_PREFIX = "cr_";

  private AttributeMetadataJson() {}

  /** Properties only the kind's derived type has. */
  static List<String> derivedProperties(AttributeKind kind) {
    return switch (kind) {
      case STRING, MEMO -> List.of("MaxLength");
      case INTEGER, BIGINT -> List.of("MinValue", "MaxValue");
      case DECIMAL, DOUBLE, MONEY -> List.of("Precision", "MinValue", "MaxValue");
      case DATETIME -> List.of("Format", "DateTimeBehavior");
      case LOOKUP, CUSTOMER, OWNER -> List.of("Targets");
      default -> List.of();
    };
  }

  /** Navigation properties of the kind's derived type (its option sets, for choice kinds). */
  static List<String> derivedNavigations(AttributeKind kind) {
    return kind.hasOptions() || kind == AttributeKind.BOOLEAN || kind == AttributeKind.ENTITY_NAME
        ? List.of("OptionSet", "GlobalOptionSet")
        : List.of();
  }

  /** The attribute with every structural property of its derived type; no option sets. */
  static ObjectNode of(EntityDefinition entity, AttributeDefinition attribute) {
    AttributeKind kind = attribute.kind();
    ObjectNode node = JsonBodies.MAPPER.createObjectNode();
    node.put("@odata.type", "#" + MetadataType.NAMESPACE + kind.metadataType());
    node.put("MetadataId", attribute.metadataId().toString());
    node.put("LogicalName", attribute.logicalName());
    node.put("SchemaName", attribute.schemaName());
    node.put("AttributeType", kind.attributeType());
    node.putObject("AttributeTypeName").put("Value", kind.typeName());
    node.put("EntityLogicalName", entity.logicalName());
    node.put("IsPrimaryId", attribute.logicalName().equals(entity.primaryIdAttribute()));
    node.put("IsPrimaryName", attribute.logicalName().equals(entity.primaryNameAttribute()));
    node.put("IsValidForRead", true);
    node.put("IsCustomAttribute", attribute.logicalName().startsWith(CUSTOM_PREFIX));
    node.put("AttributeOf", attributeOf(entity, attribute));
    node.set(
        "DisplayName",
        LabelJson.of(
            attribute.displayName(),
            "attribute/" + entity.logicalName() + "/" + attribute.logicalName() + "/DisplayName"));
    writeDerived(node, attribute);
    return node;
  }

  private static void writeDerived(ObjectNode node, AttributeDefinition attribute) {
    switch (attribute.kind()) {
      case STRING, MEMO -> putNumber(node, "MaxLength", attribute.maxLength());
      case INTEGER, BIGINT -> putRange(node, attribute);
      case DECIMAL, DOUBLE, MONEY -> {
        putNumber(node, "Precision", attribute.precision());
        putRange(node, attribute);
      }
      case DATETIME -> {
        node.put("Format", attribute.dateOnly() ? "DateOnly" : "DateAndTime");
        node.putObject("DateTimeBehavior")
            .put("Value", attribute.dateOnly() ? "DateOnly" : "UserLocal");
      }
      case LOOKUP, CUSTOMER, OWNER -> {
        ArrayNode targets = node.putArray("Targets");
        attribute.targets().forEach(targets::add);
      }
      default -> {
        // the remaining kinds have no structural properties beyond the base type's
      }
    }
  }

  /**
   * The attribute this one only describes, as Dataverse links {@code owneridtype} to {@code
   * ownerid}; null for ordinary attributes.
   */
  private static String attributeOf(EntityDefinition entity, AttributeDefinition attribute) {
    String name = attribute.logicalName();
    if (attribute.kind() == AttributeKind.ENTITY_NAME && name.endsWith("type")) {
      String described = name.substring(0, name.length() - "type".length());
      if (entity.attribute(described).isPresent()) {
        return described;
      }
    }
    return null;
  }

  private static void putRange(ObjectNode node, AttributeDefinition attribute) {
    putNumber(node, "MinValue", attribute.minValue());
    putNumber(node, "MaxValue", attribute.maxValue());
  }

  private static void putNumber(ObjectNode node, String property, Number value) {
    if (value == null) {
      node.putNull(property);
    } else {
      // whole bounds print as integers (100000000000, not 1.0E11), as Dataverse prints them;
      // BigDecimal keeps fractional ones such as 1e-10 as written rather than binary-rounded
      BigDecimal decimal = new BigDecimal(value.toString());
      if (decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0) {
        node.put(property, decimal.toBigIntegerExact());
      } else {
        node.put(property, decimal);
      }
    }
  }
}
