package io.dataexport.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dataexport.api.error.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the YAML configuration file into flat keys: nested mappings ({@code store: {url: …}}, the
 * normal form) and dotted keys ({@code store.url: …}) both give {@code store.url}. Scalars become
 * text; the sections' records decide their types.
 */
final class ConfigFile {
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final Path file;
  private final String origin;
  private final List<Problem> problems;
  private final Map<String, ConfigValue> values = new LinkedHashMap<>();

  private ConfigFile(Path file, List<Problem> problems) {
    this.file = file;
    this.origin = file.toString();
    this.problems = problems;
  }

  /**
   * The file's keys and values; what cannot be read is added to problems (never with a value from
   * the file, which may be a secret).
   */
  static Map<String, ConfigValue> read(Path file, List<Problem> problems) {
    ConfigFile reader = new ConfigFile(file, problems);
    reader.read();
    return reader.values;
  }

  private void read() {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = YAML.readTree(in);
    } catch (JsonProcessingException e) {
      fileProblem("is not valid YAML: " + describe(e) + ". Correct the file.");
      return;
    } catch (NoSuchFileException e) {
      fileProblem("does not exist. Give the path of the YAML file with --config FILE.");
      return;
    } catch (IOException e) {
      fileProblem(
          "cannot be read ("
              + e.getClass().getSimpleName()
              + "). Give the path of a readable YAML file with --config FILE.");
      return;
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return;
    }
    if (!root.isObject()) {
      fileProblem(
          "must hold a YAML mapping of keys such as 'api: {port: 8080}', not a "
              + root.getNodeType().toString().toLowerCase(Locale.ROOT)
              + ".");
      return;
    }
    flatten("", root);
  }

  private void flatten(String prefix, JsonNode node) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        flatten(key + ".", value);
      } else if (value.isArray()) {
        problems.add(
            new Problem(
                key,
                null,
                "is a list in "
                    + origin
                    + "; give one value (several servers: one text, separated by commas)."));
      } else if (!value.isNull()) {
        put(key, value.asText());
      }
    }
  }

  private void put(String key, String text) {
    if (values.putIfAbsent(key, new ConfigValue(text, origin)) != null) {
      problems.add(
          new Problem(
              key,
              null,
              "is given twice in "
                  + origin
                  + " (once nested, once as a dotted key); keep one of them."));
    }
  }

  private void fileProblem(String message) {
    problems.add(new Problem("--config", origin, message));
  }

  /**
   * Where and what, without the excerpt of the line that the parser's own message quotes (it may
   * hold a secret).
   */
  private static String describe(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      String context =
          yaml.getContext() == null || yaml.getContextMark() == null
              ? ""
              : yaml.getContext() + at(yaml.getContextMark()) + ": ";
      return context + yaml.getProblem() + at(yaml.getProblemMark());
    }
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    return e.getOriginalMessage() + where;
  }

  private static String at(Mark mark) {
    return " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }
}
