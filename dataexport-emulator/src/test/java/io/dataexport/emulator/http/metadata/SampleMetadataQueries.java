package io.dataexport.emulator.http.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.emulator.http.JsonBodies;
import io.dataexport.emulator.http.ODataException;
import io.dataexport.emulator.http.ODataPath;
import io.dataexport.emulator.http.ODataResponse;
import io.dataexport.emulator.http.QueryOptions;
import io.dataexport.emulator.sample.SampleOrganisation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Asks a {@link MetadataResource} over the sample organisation, in-process, and parses answers. */
final class SampleMetadataQueries {
  static final String ROOT = "http://localhost/api/data/v9.2/";
  static final String CONTEXT = ROOT + "$metadata#";

  private final MetadataResource resource =
      new MetadataResource(SampleOrganisation.metadata(), ROOT);

  /**
   * GETs the path with query options given as name, value pairs, e.g. {@code
   * get("EntityDefinitions", "$select", "LogicalName")}; the answer must be 200.
   */
  JsonNode get(String path, String... options) {
    ODataResponse response = resource.get(ODataPath.parse(path), query(options));
    if (response.status() != 200) {
      throw new AssertionError("expected 200 for " + path + " but got " + response.status());
    }
    try {
      return JsonBodies.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The refusal of a GET that must fail. */
  ODataException failure(String path, String... options) {
    try {
      resource.get(ODataPath.parse(path), query(options));
    } catch (ODataException refusal) {
      return refusal;
    }
    throw new AssertionError("expected " + path + " to be refused, but it was answered");
  }

  /** The values of one property across the items of {@code value}. */
  static List<String> texts(JsonNode collection, String property) {
    List<String> texts = new ArrayList<>();
    collection.path("value").forEach(item -> texts.add(item.path(property).asText()));
    return texts;
  }

  /** The item of {@code value} whose {@code LogicalName} (or other key) is the given one. */
  static JsonNode item(JsonNode collection, String property, String value) {
    for (JsonNode item : collection.path("value")) {
      if (item.path(property).asText().equals(value)) {
        return item;
      }
    }
    throw new AssertionError("no item with " + property + " = " + value + " in " + collection);
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static QueryOptions query(String... options) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    for (int i = 0; i < options.length; i += 2) {
      parameters.put(options[i], List.of(options[i + 1]));
    }
    return QueryOptions.of(parameters);
  }
}
