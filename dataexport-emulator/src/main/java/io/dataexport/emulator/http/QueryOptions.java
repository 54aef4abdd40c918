package io.dataexport.emulator.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The system query options of a request ({@code $select}, {@code $filter}, ...), already
 * percent-decoded. Unknown {@code $} options are refused, as by Dataverse.
 */
public final class QueryOptions {
  private static final Set<String> KNOWN =
      Set.of(
          "$select",
          "$filter",
          "$expand",
          "$orderby",
          "$top",
          "$skip",
          "$skiptoken",
          "$deltatoken",
          "$count",
          "$apply",
          "$format",
          "$search");

  private final Map<String, String> options;

  public QueryOptions(Map<String, String> options) {
    this.options = new LinkedHashMap<>(options);
    for (String name : options.keySet()) {
      if (name.startsWith("$") && !KNOWN.contains(name)) {
        throw ODataException.badRequest("The query parameter " + name + " is not supported.");
      }
    }
  }

  /** From a map of query parameter to its values (the first value wins, as for Dataverse). */
  public static QueryOptions of(Map<String, List<String>> parameters) {
    Map<String, String> single = new LinkedHashMap<>();
    parameters.forEach((k, v) -> single.put(k, v.isEmpty() ? "" : v.get(0)));
    return new QueryOptions(single);
  }

  public boolean has(String option) {
    return options.containsKey(option);
  }

  /** The option's text, or null when absent. */
  public String get(String option) {
    return options.get(option);
  }

  /** Names listed in {@code $select}, trimmed; empty when there is no {@code $select}. */
  public List<String> select() {
    String select = options.get("$select");
    if (select == null || select.isBlank()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (String name : Arrays.asList(select.split(","))) {
      if (!name.isBlank()) {
        names.add(name.trim());
      }
    }
    return names;
  }

  /** Every option present, for diagnostics. */
  public Map<String, String> asMap() {
    return Map.copyOf(options);
  }
}
