package io.dataexport.emulator.metadata;

import java.util.List;
import java.util.UUID;

/**
 * One attribute of an entity, with the type details Dataverse metadata exposes.
 *
 * @param logicalName lower-case name used in queries and records
 * @param schemaName Pascal-case schema name
 * @param kind the attribute kind
 * @param displayName localized display name
 * @param maxLength for String and Memo; otherwise null
 * @param precision for Decimal, Money and Double; otherwise null
 * @param minValue lower bound for numeric kinds; otherwise null
 * @param maxValue upper bound for numeric kinds; otherwise null
 * @param dateOnly for DateTime: whether it holds a date without time (behaviour DateOnly)
 * @param targets for lookups: the logical names of the entities it may point to; otherwise empty
 * @param optionSet for Picklist, State, Status and MultiSelectPicklist; otherwise null
 * @param metadataId stable metadata id
 */
public record AttributeDefinition(
    String logicalName,
    String schemaName,
    AttributeKind kind,
    Label displayName,
    Integer maxLength,
    Integer precision,
    Number minValue,
    Number maxValue,
    boolean dateOnly,
    List<String> targets,
    OptionSetDefinition optionSet,
    UUID metadataId) {

  public AttributeDefinition {
    targets = List.copyOf(targets);
  }

  /** The name under which records carry this attribute in JSON ({@code _x_value} for lookups). */
  public String jsonName() {
    return kind.isReference() ? "_" + logicalName + "_value" : logicalName;
  }
}
