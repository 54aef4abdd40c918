package io.dataexport.dataverse.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.api.schema.OptionSchema;
import io.dataexport.api.schema.OptionSetSchema;
import io.dataexport.dataverse.http.WebApiClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the option sets of an entity's choice, state, status and multi-select attributes. Dataverse
 * shows them only through typed casts of the attribute collection, {@code
 * .../Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$expand=OptionSet,GlobalOptionSet},
 * one request per cast.
 */
final class OptionSetReader {
  private static final String NAMESPACE = "Microsoft.Dynamics.CRM.";

  private final WebApiClient client;

  OptionSetReader(WebApiClient client) {
    this.client = client;
  }

  /**
   * The option sets of every attribute of the given casts.
   *
   * @param attributesUri the entity's {@code .../Attributes} URL
   * @param casts the casts to read, e.g. {@code PicklistAttributeMetadata}; only those the entity
   *     has attributes of, to spare requests
   * @return option sets by attribute logical name
   */
  Map<String, OptionSetSchema> read(URI attributesUri, Iterable<String> casts) {
    Map<String, OptionSetSchema> byAttribute = new HashMap<>();
    for (String cast : casts) {
      URI uri =
          URI.create(
              attributesUri
                  + "/"
                  + NAMESPACE
                  + cast
                  + "?$select=LogicalName&$expand=OptionSet,GlobalOptionSet");
      for (JsonNode attribute : client.getJson(uri).path("value")) {
        JsonNode set = attribute.path("OptionSet");
        if (!set.isObject()) {
          // an attribute bound to a global option set may show it only there
          set = attribute.path("GlobalOptionSet");
        }
        if (set.isObject()) {
          byAttribute.put(attribute.path("LogicalName").asText(), optionSet(set));
        }
      }
    }
    return byAttribute;
  }

  private static OptionSetSchema optionSet(JsonNode set) {
    List<OptionSchema> options = new ArrayList<>();
    for (JsonNode option : set.path("Options")) {
      options.add(
          new OptionSchema(
              option.path("Value").asInt(),
              labels(option.path("Label")),
              integerOrNull(option.path("State")),
              integerOrNull(option.path("DefaultStatus"))));
    }
    return new OptionSetSchema(
        set.path("Name").asText(), set.path("IsGlobal").asBoolean(false), options);
  }

  private static Map<Integer, String> labels(JsonNode label) {
    Map<Integer, String> labels = new HashMap<>();
    for (JsonNode localized : label.path("LocalizedLabels")) {
      if (localized.path("LanguageCode").isNumber() && localized.path("Label").isTextual()) {
        labels.putIfAbsent(
            localized.path("LanguageCode").asInt(), localized.path("Label").asText());
      }
    }
    return labels;
  }

  private static Integer integerOrNull(JsonNode value) {
    return value.isNumber() ? value.intValue() : null;
  }
}
