package io.dataexport.emulator.http.metadata;

import io.dataexport.emulator.http.ODataException;
import io.dataexport.emulator.http.QueryOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One navigation property named in {@code $expand}, with the options nested in its parentheses:
 * {@code Attributes($select=LogicalName;$filter=IsPrimaryId eq true)} or {@code
 * OptionSet($select=Options)}.
 *
 * @param name the navigation property
 * @param nested the nested query options; empty when there are none
 */
record ExpandItem(String name, QueryOptions nested) {

  /**
   * Parses a {@code $expand} value.
   *
   * @return the items in order; empty for a null or blank value
   * @throws ODataException 400 when the value is not a comma list of names with optional
   *     parenthesised options
   */
  static List<ExpandItem> parse(String expand) {
    List<ExpandItem> items = new ArrayList<>();
    if (expand == null || expand.isBlank()) {
      return items;
    }
    for (String part : splitTopLevel(expand, ',', expand)) {
      items.add(item(part.trim(), expand));
    }
    return items;
  }

  private static ExpandItem item(String text, String expand) {
    int open = text.indexOf('(');
    String name = open < 0 ? text : text.substring(0, open).trim();
    if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
      throw malformed(expand, "'" + text + "' is not a navigation property name");
    }
    if (open < 0) {
      return new ExpandItem(name, new QueryOptions(Map.of()));
    }
    if (!text.endsWith(")")) {
      throw malformed(expand, "the options of '" + name + "' do not end with ')'");
    }
    Map<String, String> options = new LinkedHashMap<>();
    String inner = text.substring(open + 1, text.length() - 1);
    for (String option : splitTopLevel(inner, ';', expand)) {
      if (option.isBlank()) {
        continue;
      }
      int equals = option.indexOf('=');
      String key = equals < 0 ? "" : option.substring(0, equals).trim();
      if (!key.startsWith("$")) {
        throw malformed(
            expand, "'" + option.trim() + "' inside '" + name + "(...)' is not a $option=value");
      }
      options.put(key, option.substring(equals + 1).trim());
    }
    return new ExpandItem(name, new QueryOptions(options));
  }

  /** Splits at separators outside parentheses and quoted strings. */
  private static List<String> splitTopLevel(String text, char separator, String expand) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
        if (depth < 0) {
          throw malformed(expand, "a ')' has no matching '('");
        }
      } else if (!quoted && depth == 0 && c == separator) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    if (depth != 0 || quoted) {
      throw malformed(expand, "parentheses or quotes do not balance");
    }
    parts.add(text.substring(start));
    if (separator == ',' && parts.stream().anyMatch(String::isBlank)) {
      throw malformed(expand, "it has an empty item");
    }
    return parts;
  }

  private static ODataException malformed(String expand, String problem) {
    return ODataException.badRequest("The $expand '" + expand + "' is malformed: " + problem + ".");
  }
}
