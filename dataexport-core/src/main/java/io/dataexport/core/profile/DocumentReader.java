package io.dataexport.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.api.error.Problem;
import io.dataexport.api.error.Typos;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads typed fields out of a JSON document while collecting every problem, so a caller learns all
 * that is wrong in one answer.
 */
final class DocumentReader {
  private final List<Problem> problems = new ArrayList<>();

  List<Problem> problems() {
    return problems;
  }

  void problem(String field, String value, String message) {
    problems.add(new Problem(field, value, message));
  }

  /** A text field; null when absent, reported when required or of another type. */
  String text(JsonNode parent, String name, String path, boolean required, String remedy) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        problem(path, null, "is required. " + remedy);
      }
      return null;
    }
    if (!node.isTextual()) {
      problem(path, node.toString(), "must be a string. " + remedy);
      return null;
    }
    String text = node.textValue().trim();
    if (text.isEmpty() && required) {
      problem(path, "", "must not be empty. " + remedy);
      return null;
    }
    return text.isEmpty() ? null : text;
  }

  /**
   * A secret text field: like {@link #text}, but a problem never repeats the value, which may be
   * the secret itself.
   */
  String secret(JsonNode parent, String name, String path, boolean required, String remedy) {
    JsonNode node = parent.get(name);
    if (node != null && !node.isNull() && !node.isTextual()) {
      problem(path, null, "must be a string. " + remedy);
      return null;
    }
    return text(parent, name, path, required, remedy);
  }

  int integer(JsonNode parent, String name, String path, int min, int max, int fallback) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.canConvertToInt()
        || !node.isIntegralNumber()
        || node.intValue() < min
        || node.intValue() > max) {
      problem(
          path,
          node.toString(),
          "must be a whole number from " + min + " to " + max + " (default " + fallback + ").");
      return fallback;
    }
    return node.intValue();
  }

  boolean bool(JsonNode parent, String name, String path, boolean fallback) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      problem(path, node.toString(), "must be true or false (default " + fallback + ").");
      return fallback;
    }
    return node.booleanValue();
  }

  /** An object field; an empty object when absent (reported when required). */
  JsonNode object(JsonNode parent, String name, String path, boolean required, String remedy) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        problem(path, null, "is required. " + remedy);
      }
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }
    if (!node.isObject()) {
      problem(path, node.toString(), "must be an object. " + remedy);
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }
    return node;
  }

  /** A list of strings; empty when absent. */
  List<String> strings(JsonNode parent, String name, String path) {
    JsonNode node = parent.get(name);
    List<String> values = new ArrayList<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (!node.isArray()) {
      problem(path, node.toString(), "must be a list of names, e.g. [\"account\", \"contact\"].");
      return values;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (!item.isTextual() || item.textValue().isBlank()) {
        problem(path + "[" + i + "]", item.toString(), "must be a non-empty name.");
      } else {
        values.add(item.textValue().trim());
      }
    }
    return values;
  }

  /** Reports fields the document has that the format does not know (typos, mostly). */
  void unknownFields(JsonNode node, String prefix, Set<String> known) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        String suggestion =
            known.stream()
                .filter(k -> Typos.likely(k, name))
                .findFirst()
                .map(k -> " Did you mean '" + k + "'?")
                .orElse("");
        problem(
            prefix + name,
            null,
            "is not a profile field."
                + suggestion
                + " Known fields: "
                + String.join(", ", known.stream().sorted().toList())
                + ".");
      }
    }
  }
}
