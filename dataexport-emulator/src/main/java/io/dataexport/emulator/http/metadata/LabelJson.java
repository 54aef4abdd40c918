package io.dataexport.emulator.http.metadata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.http.JsonBodies;
import io.dataexport.emulator.metadata.Label;
import java.util.Map;

/**
 * Writes a {@link Label} as Dataverse's {@code Label} complex type: every translation under {@code
 * LocalizedLabels}, the base language's one again as {@code UserLocalizedLabel}.
 */
final class LabelJson {
  private LabelJson() {}

  /**
   * The label as JSON.
   *
   * @param label the texts
   * @param owner what the label belongs to (e.g. {@code attribute/account/name/DisplayName}); the
   *     localized labels' metadata ids derive from it, so they stay the same between requests
   */
  static ObjectNode of(Label label, String owner) {
    ObjectNode node = JsonBodies.MAPPER.createObjectNode();
    ArrayNode localized = node.putArray("LocalizedLabels");
    ObjectNode user = null;
    for (Map.Entry<Integer, String> text : label.texts().entrySet()) {
      ObjectNode one = localized.addObject();
      one.put("Label", text.getValue());
      one.put("LanguageCode", text.getKey());
      one.put("IsManaged", false);
      one.put("MetadataId", StableIds.of("label", owner, text.getKey().toString()).toString());
      one.putNull("HasChanged");
      if (text.getKey() == Label.ENGLISH || user == null) {
        user = one;
      }
    }
    node.set("UserLocalizedLabel", user.deepCopy());
    return node;
  }

  /** A label without any text, as Dataverse shows an unset description. */
  static ObjectNode empty() {
    ObjectNode node = JsonBodies.MAPPER.createObjectNode();
    node.putArray("LocalizedLabels");
    node.putNull("UserLocalizedLabel");
    return node;
  }
}
