package io.dataexport.dataverse.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.api.error.PermanentException;
import io.dataexport.api.notification.Operation;
import io.dataexport.api.schema.AttributeSchema;
import io.dataexport.api.schema.AttributeType;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.SourceChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns Web API rows of one entity into {@link SourceChange}s: the payload keyed by logical name,
 * lookups as {@code {id, logicalName}} maps, numbers as {@code Long} or {@link
 * java.math.BigDecimal} by attribute type, annotations dropped. Also says what to {@code $select}.
 */
final class RecordConverter {
  static final String LOOKUP_LOGICAL_NAME = "@Microsoft.Dynamics.CRM.lookuplogicalname";
  private static final Pattern ETAG_VERSION = Pattern.compile("(\\d+)");
  private static final String VERSION_NUMBER = "versionnumber";

  /**
   * How one attribute is read.
   *
   * @param attribute the attribute
   * @param jsonName its name in rows ({@code _x_value} for lookups), or null when it is not
   *     selected but derived
   * @param derivedFrom for an entity-name companion such as {@code owneridtype}, the lookup whose
   *     target it is; otherwise null
   */
  private record Column(AttributeSchema attribute, String jsonName, String derivedFrom) {}

  private final EntitySchema entity;
  private final List<Column> columns = new ArrayList<>();

  RecordConverter(EntitySchema entity) {
    this.entity = entity;
    for (AttributeSchema attribute : entity.attributes()) {
      String name = attribute.logicalName();
      String companionOf = companionOf(entity, attribute);
      if (companionOf != null) {
        // Dataverse has no selectable property for a lookup's entity-name companion; the lookup's
        // lookuplogicalname annotation carries the same value
        columns.add(new Column(attribute, null, companionOf));
      } else {
        columns.add(
            new Column(
                attribute, attribute.type().isLookup() ? "_" + name + "_value" : name, null));
      }
    }
  }

  /** The {@code $select} list: every exported attribute, lookups by their value property. */
  String select() {
    return columns.stream()
        .map(Column::jsonName)
        .filter(Objects::nonNull)
        .collect(Collectors.joining(","));
  }

  /** Whether a row is a {@code $deletedEntity} entry rather than a record. */
  boolean isDeletion(JsonNode row) {
    return row.path("@odata.context").asText("").endsWith("$deletedEntity")
        || ("deleted".equals(row.path("reason").asText(null))
            && !row.has(entity.primaryIdAttribute()));
  }

  /** The deletion an entry reports, its version still to be decided ({@code -1}). */
  SourceChange deletion(JsonNode row) {
    return new SourceChange(id(row.path("id"), "id"), Operation.DELETE, -1, Map.of());
  }

  /** The upsert a record row reports. */
  SourceChange upsert(JsonNode row) {
    UUID id = id(row.path(entity.primaryIdAttribute()), entity.primaryIdAttribute());
    Map<String, Object> payload = new LinkedHashMap<>();
    Map<String, String> lookupTargets = new LinkedHashMap<>();
    for (Column column : columns) {
      if (column.jsonName() == null || !row.has(column.jsonName())) {
        continue;
      }
      AttributeSchema attribute = column.attribute();
      JsonNode value = row.get(column.jsonName());
      if (attribute.type().isLookup()) {
        Map<String, Object> reference = reference(row, column, value);
        payload.put(attribute.logicalName(), reference);
        lookupTargets.put(
            attribute.logicalName(),
            reference == null ? null : (String) reference.get("logicalName"));
      } else {
        payload.put(attribute.logicalName(), JsonValues.of(value, attribute.type()));
      }
    }
    for (Column column : columns) {
      if (column.derivedFrom() != null && lookupTargets.containsKey(column.derivedFrom())) {
        payload.put(column.attribute().logicalName(), lookupTargets.get(column.derivedFrom()));
      }
    }
    return new SourceChange(id, Operation.UPSERT, version(row, id), payload);
  }

  private Map<String, Object> reference(JsonNode row, Column column, JsonNode value) {
    if (value.isNull()) {
      return null;
    }
    String target = row.path(column.jsonName() + LOOKUP_LOGICAL_NAME).asText(null);
    List<String> targets = column.attribute().targets();
    if (target == null && targets.size() == 1) {
      target = targets.getFirst();
    }
    // not Map.of: a polymorphic lookup without its annotation has no known target
    Map<String, Object> reference = new LinkedHashMap<>();
    reference.put("id", value.asText().toLowerCase(Locale.ROOT));
    reference.put("logicalName", target);
    return reference;
  }

  private long version(JsonNode row, UUID id) {
    JsonNode number = row.path(VERSION_NUMBER);
    if (number.canConvertToLong() && number.isNumber()) {
      return number.longValue();
    }
    Matcher etag = ETAG_VERSION.matcher(row.path("@odata.etag").asText(""));
    if (etag.find()) {
      return Long.parseLong(etag.group(1));
    }
    throw new PermanentException(
        "The source sent " + entity.logicalName() + " " + id + " without a version.", null);
  }

  private UUID id(JsonNode value, String name) {
    try {
      return UUID.fromString(value.asText(""));
    } catch (IllegalArgumentException e) {
      throw new PermanentException(
          "The source sent a "
              + entity.logicalName()
              + " row whose "
              + name
              + " is not a GUID: '"
              + value.asText("")
              + "'.",
          e);
    }
  }

  /**
   * The lookup an entity-name attribute names the target of ({@code owneridtype} of {@code
   * ownerid}), or null for an attribute read by itself.
   */
  private static String companionOf(EntitySchema entity, AttributeSchema attribute) {
    String name = attribute.logicalName();
    if (attribute.type() != AttributeType.ENTITY_NAME || !name.endsWith("type")) {
      return null;
    }
    String lookup = name.substring(0, name.length() - "type".length());
    return entity.attribute(lookup).filter(a -> a.type().isLookup()).isPresent() ? lookup : null;
  }
}
