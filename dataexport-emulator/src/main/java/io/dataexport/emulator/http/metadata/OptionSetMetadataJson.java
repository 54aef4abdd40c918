package io.dataexport.emulator.http.metadata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.http.JsonBodies;
import io.dataexport.emulator.metadata.OptionDefinition;
import io.dataexport.emulator.metadata.OptionSetDefinition;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes option sets: {@code OptionSetMetadata} with its {@code Options} for choices, and {@code
 * BooleanOptionSetMetadata} with {@code TrueOption} and {@code FalseOption} for two-option
 * attributes.
 */
final class OptionSetMetadataJson {
  private static final List<String> COMMON =
      List.of("MetadataId", "Name", "IsGlobal", "OptionSetType");

  /** The option set of choice attributes and of {@code GlobalOptionSetDefinitions}. */
  static final MetadataType OPTION_SET =
      MetadataType.of("OptionSetMetadata", with("Options"), List.of());

  /** The option set of Boolean attributes. */
  static final MetadataType BOOLEAN_OPTION_SET =
      MetadataType.of("BooleanOptionSetMetadata", with("TrueOption", "FalseOption"), List.of());

  private static final String BOOLEAN_TYPE = "Boolean";

  private OptionSetMetadataJson() {}

  private static List<String> with(String... more) {
    return Stream.concat(COMMON.stream(), Arrays.stream(more)).toList();
  }

  /** The metadata type the option set is written as. */
  static MetadataType typeOf(OptionSetDefinition set) {
    return BOOLEAN_TYPE.equals(set.type()) ? BOOLEAN_OPTION_SET : OPTION_SET;
  }

  /** The option set as its metadata type, without an {@code @odata.type}. */
  static ObjectNode of(OptionSetDefinition set) {
    ObjectNode node = JsonBodies.MAPPER.createObjectNode();
    node.put("MetadataId", metadataId(set).toString());
    node.put("Name", set.name());
    node.put("IsGlobal", set.global());
    node.put("OptionSetType", set.type());
    if (typeOf(set) == BOOLEAN_OPTION_SET) {
      // Dataverse's two-option sets hold 1 as the true and 0 as the false option
      set.option(1).ifPresent(o -> node.set("TrueOption", option(set, o)));
      set.option(0).ifPresent(o -> node.set("FalseOption", option(set, o)));
    } else {
      ArrayNode options = node.putArray("Options");
      set.options().forEach(o -> options.add(option(set, o)));
    }
    return node;
  }

  /** The option set's id, derived from its name (unique within the organisation). */
  static UUID metadataId(OptionSetDefinition set) {
    return StableIds.of("optionset", set.name());
  }

  /** As {@link #of}, with the {@code @odata.type} a collection of option sets carries per item. */
  static ObjectNode typed(OptionSetDefinition set) {
    ObjectNode node = JsonBodies.MAPPER.createObjectNode();
    node.put("@odata.type", "#" + typeOf(set).qualifiedName());
    node.setAll(of(set));
    return node;
  }

  private static ObjectNode option(OptionSetDefinition set, OptionDefinition option) {
    ObjectNode node = JsonBodies.MAPPER.createObjectNode();
    String owner = "optionset/" + set.name() + "/option/" + option.value();
    if (option.defaultStatus() != null) {
      node.put("@odata.type", "#" + MetadataType.NAMESPACE + "StateOptionMetadata");
    } else if (option.state() != null) {
      node.put("@odata.type", "#" + MetadataType.NAMESPACE + "StatusOptionMetadata");
    }
    node.put("Value", option.value());
    node.set("Label", LabelJson.of(option.label(), owner + "/Label"));
    node.set("Description", LabelJson.empty());
    node.putNull("Color");
    node.put("IsManaged", false);
    if (option.defaultStatus() != null) {
      node.put("DefaultStatus", option.defaultStatus());
      node.put("InvariantName", option.invariantName());
    }
    if (option.state() != null) {
      node.put("State", option.state());
    }
    return node;
  }
}
