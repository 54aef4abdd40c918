package io.dataexport.emulator.http.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.http.ODataException;
import io.dataexport.emulator.metadata.AttributeDefinition;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.metadata.OptionDefinition;
import io.dataexport.emulator.store.EntityReference;
import io.dataexport.emulator.store.OrganisationStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the JSON body of a create or update into attribute values, validating as Dataverse does:
 * known properties only, right JSON types, lengths, ranges and option values, lookups set through
 * {@code @odata.bind} to records that exist.
 */
final class RecordPayloadReader {
  static final String PAYLOAD_ERROR = "0x80048d19";
  static final String LENGTH_ERROR = "0x80044331";
  static final String RANGE_ERROR = "0x8004431a";
  private static final Set<String> READ_ONLY =
      Set.of("createdon", "modifiedon", "versionnumber", "owneridtype");
  private static final Pattern BIND_TARGET =
      Pattern.compile("(?:.*/)?([A-Za-z_][A-Za-z0-9_]*)\\(([0-9a-fA-F-]{36})\\)");

  private final OrganisationStore store;

  RecordPayloadReader(OrganisationStore store) {
    this.store = store;
  }

  /**
   * The attribute values the body sets, by attribute position, in body order.
   *
   * @throws ODataException 400 naming the first property that is wrong and why
   */
  Map<Integer, Object> read(EntityDefinition entity, ObjectNode body) {
    Map<Integer, Object> values = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (name.endsWith("@odata.bind")) {
        bind(
            entity,
            name.substring(0, name.length() - "@odata.bind".length()),
            field.getValue(),
            values);
      } else if (!name.contains("@")) {
        property(entity, name, field.getValue(), values);
      }
      // Other instance annotations (@odata.type, @odata.etag, ...) carry nothing to store.
    }
    reconcileStateAndStatus(entity, values);
    return values;
  }

  private void property(
      EntityDefinition entity, String name, JsonNode json, Map<Integer, Object> values) {
    int index = entity.indexOf(name);
    if (index < 0) {
      int lookup = entity.indexOfJsonName(name);
      if (lookup >= 0) {
        AttributeDefinition a = entity.attributes().get(lookup);
        throw ODataException.badRequest(
            PAYLOAD_ERROR,
            "The property '"
                + name
                + "' is read-only. Set the lookup with '"
                + navigationExample(a)
                + "@odata.bind': '/<entityset>(<id>)'.");
      }
      throw ODataException.badRequest(
          "The property '"
              + name
              + "' does not exist on type 'Microsoft.Dynamics.CRM."
              + entity.logicalName()
              + "'. Make sure to only use property names that are defined by the type.");
    }
    AttributeDefinition attribute = entity.attributes().get(index);
    if (READ_ONLY.contains(name)) {
      throw ODataException.badRequest(
          PAYLOAD_ERROR, "The property '" + name + "' is read-only and cannot be set.");
    }
    if (attribute.kind().isReference()) {
      throw ODataException.badRequest(
          PAYLOAD_ERROR,
          "A lookup is set through its navigation property: use '"
              + navigationExample(attribute)
              + "@odata.bind': '/<entityset>(<id>)' instead of '"
              + name
              + "'.");
    }
    values.put(index, json.isNull() ? null : convert(entity, attribute, json));
  }

  private Object convert(EntityDefinition entity, AttributeDefinition a, JsonNode json) {
    return switch (a.kind()) {
      case STRING, MEMO -> text(entity, a, json);
      case INTEGER -> (int) range(entity, a, wholeNumber(a, json, "Edm.Int32"));
      case BIGINT -> wholeNumber(a, json, "Edm.Int64");
      case DECIMAL, MONEY -> decimal(entity, a, json);
      case DOUBLE -> {
        double value = number(a, json, "Edm.Double").doubleValue();
        range(entity, a, value);
        yield value;
      }
      case BOOLEAN -> {
        if (!json.isBoolean()) {
          throw typeError(a, json, "Edm.Boolean");
        }
        yield json.booleanValue();
      }
      case DATETIME -> dateTime(a, json);
      case PICKLIST, STATE, STATUS -> option(entity, a, (int) wholeNumber(a, json, "Edm.Int32"));
      case MULTI_SELECT_PICKLIST -> multiSelect(entity, a, json);
      case UNIQUEIDENTIFIER -> guid(a, json);
      case LOOKUP, CUSTOMER, OWNER, ENTITY_NAME ->
          throw new IllegalStateException("handled before");
    };
  }

  private static String text(EntityDefinition entity, AttributeDefinition a, JsonNode json) {
    if (!json.isTextual()) {
      throw typeError(a, json, "Edm.String");
    }
    String text = json.textValue();
    if (text.length() > a.maxLength()) {
      throw ODataException.badRequest(
          LENGTH_ERROR,
          "A validation error occurred. The length of the '"
              + a.logicalName()
              + "' attribute of the '"
              + entity.logicalName()
              + "' entity exceeded the maximum allowed length of '"
              + a.maxLength()
              + "'.");
    }
    return text;
  }

  private static long wholeNumber(AttributeDefinition a, JsonNode json, String edmType) {
    if (!json.isIntegralNumber() || !json.canConvertToLong()) {
      throw typeError(a, json, edmType);
    }
    return json.longValue();
  }

  private static BigDecimal number(AttributeDefinition a, JsonNode json, String edmType) {
    if (!json.isNumber()) {
      throw typeError(a, json, edmType);
    }
    return json.decimalValue();
  }

  private static BigDecimal decimal(EntityDefinition entity, AttributeDefinition a, JsonNode json) {
    BigDecimal value = number(a, json, "Edm.Decimal");
    range(entity, a, value.doubleValue());
    return value.setScale(a.precision(), RoundingMode.HALF_EVEN);
  }

  private static double range(EntityDefinition entity, AttributeDefinition a, double value) {
    boolean below = a.minValue() != null && value < a.minValue().doubleValue();
    boolean above = a.maxValue() != null && value > a.maxValue().doubleValue();
    if (below || above) {
      throw outOfRange(entity, a, String.valueOf(value));
    }
    return value;
  }

  private static Object dateTime(AttributeDefinition a, JsonNode json) {
    if (!json.isTextual()) {
      throw typeError(a, json, "Edm.DateTimeOffset");
    }
    String text = json.textValue();
    try {
      if (text.length() == 10) {
        LocalDate date = LocalDate.parse(text);
        return a.dateOnly() ? date : date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      }
      Instant instant =
          OffsetDateTime.parse(text).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      return a.dateOnly() ? LocalDate.ofInstant(instant, java.time.ZoneOffset.UTC) : instant;
    } catch (DateTimeParseException e) {
      throw ODataException.badRequest(
          PAYLOAD_ERROR,
          "Cannot convert the literal '"
              + text
              + "' to the expected type 'Edm.DateTimeOffset' for '"
              + a.logicalName()
              + "'. Use ISO 8601, e.g. 2023-04-07T21:59:01Z"
              + (a.dateOnly() ? " or 2023-04-07." : "."));
    }
  }

  private static Integer option(EntityDefinition entity, AttributeDefinition a, int value) {
    if (a.optionSet().option(value).isEmpty()) {
      throw outOfRange(entity, a, String.valueOf(value));
    }
    return value;
  }

  private static List<Integer> multiSelect(
      EntityDefinition entity, AttributeDefinition a, JsonNode json) {
    if (!json.isTextual()) {
      throw typeError(a, json, "Edm.String (comma-separated option values)");
    }
    List<Integer> chosen = new ArrayList<>();
    for (String part : json.textValue().split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        int value = option(entity, a, Integer.parseInt(part.trim()));
        if (!chosen.contains(value)) {
          chosen.add(value);
        }
      } catch (NumberFormatException e) {
        throw typeError(a, json, "Edm.String (comma-separated option values)");
      }
    }
    chosen.sort(null);
    return List.copyOf(chosen);
  }

  private static UUID guid(AttributeDefinition a, JsonNode json) {
    try {
      if (json.isTextual()) {
        return UUID.fromString(json.textValue());
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw typeError(a, json, "Edm.Guid");
  }

  private void bind(
      EntityDefinition entity, String navigation, JsonNode json, Map<Integer, Object> values) {
    AttributeDefinition attribute = navigationAttribute(entity, navigation);
    if (!json.isTextual()) {
      throw ODataException.badRequest(
          PAYLOAD_ERROR,
          "'"
              + navigation
              + "@odata.bind' needs a reference such as '/accounts(<id>)'; to clear a lookup,"
              + " set it with DELETE .../"
              + navigation
              + "/$ref.");
    }
    Matcher m = BIND_TARGET.matcher(json.textValue());
    if (!m.matches()) {
      throw ODataException.badRequest(
          PAYLOAD_ERROR,
          "'" + json.textValue() + "' is not a reference of the form '/<entityset>(<id>)'.");
    }
    EntityDefinition target =
        store
            .metadata()
            .entityBySetName(m.group(1))
            .orElseThrow(
                () ->
                    ODataException.notFound(
                        "Resource not found for the segment '" + m.group(1) + "'."));
    if (!attribute.targets().contains(target.logicalName())
        || (navigation.contains("_")
            && !navigation.endsWith("_" + target.logicalName())
            && !navigation.equals(attribute.logicalName()))) {
      throw ODataException.badRequest(
          PAYLOAD_ERROR,
          "'"
              + navigation
              + "' cannot point to a "
              + target.logicalName()
              + "; it takes "
              + String.join(" or ", attribute.targets())
              + ".");
    }
    UUID id = UUID.fromString(m.group(2));
    if (store.table(target.logicalName()).get(id).isEmpty()) {
      throw ODataException.notFound(target.logicalName() + " With Id = " + id + " Does Not Exist");
    }
    values.put(
        entity.indexOf(attribute.logicalName()), new EntityReference(target.logicalName(), id));
    if (attribute.logicalName().equals("ownerid") && entity.indexOf("owneridtype") >= 0) {
      values.put(entity.indexOf("owneridtype"), target.logicalName());
    }
  }

  private static AttributeDefinition navigationAttribute(
      EntityDefinition entity, String navigation) {
    for (AttributeDefinition a : entity.attributes()) {
      if (!a.kind().isReference()) {
        continue;
      }
      if (navigation.equals(a.logicalName())) {
        return a;
      }
      for (String target : a.targets()) {
        if (navigation.equals(a.logicalName() + "_" + target)) {
          return a;
        }
      }
    }
    throw ODataException.badRequest(
        "An undeclared property '"
            + navigation
            + "' which only has property annotations in the payload"
            + " but no property value was found in the payload. Navigation properties of "
            + entity.logicalName()
            + " are its lookups, e.g. '"
            + firstNavigation(entity)
            + "'.");
  }

  private static String firstNavigation(EntityDefinition entity) {
    return entity.attributes().stream()
        .filter(a -> a.kind().isReference())
        .map(RecordPayloadReader::navigationExample)
        .findFirst()
        .orElse("(none)");
  }

  private static String navigationExample(AttributeDefinition a) {
    return a.targets().size() == 1 || a.logicalName().equals("ownerid")
        ? a.logicalName()
        : a.logicalName() + "_" + a.targets().get(0);
  }

  /** Status implies its state; a state alone takes its default status; a mismatch is refused. */
  private static void reconcileStateAndStatus(
      EntityDefinition entity, Map<Integer, Object> values) {
    int state = entity.indexOf("statecode");
    int status = entity.indexOf("statuscode");
    if (state < 0 || status < 0 || (!values.containsKey(state) && !values.containsKey(status))) {
      return;
    }
    AttributeDefinition stateAttribute = entity.attributes().get(state);
    AttributeDefinition statusAttribute = entity.attributes().get(status);
    Integer stateValue = (Integer) values.get(state);
    Integer statusValue = (Integer) values.get(status);
    if (statusValue != null) {
      OptionDefinition option = statusAttribute.optionSet().option(statusValue).orElseThrow();
      if (stateValue != null && !stateValue.equals(option.state())) {
        throw ODataException.badRequest(
            RANGE_ERROR,
            statusValue
                + " is not a valid status code for state code "
                + entity.schemaName()
                + "State."
                + stateValue
                + "; it belongs to state "
                + option.state()
                + ".");
      }
      values.put(state, option.state());
    } else if (stateValue != null) {
      values.put(
          status, stateAttribute.optionSet().option(stateValue).orElseThrow().defaultStatus());
    }
  }

  private static ODataException typeError(AttributeDefinition a, JsonNode json, String edmType) {
    return ODataException.badRequest(
        PAYLOAD_ERROR,
        "Error identified in Payload provided by the user: cannot convert the literal '"
            + json
            + "' to the expected type '"
            + edmType
            + "' of property '"
            + a.logicalName()
            + "'.");
  }

  private static ODataException outOfRange(
      EntityDefinition entity, AttributeDefinition a, String value) {
    return ODataException.badRequest(
        RANGE_ERROR,
        "A validation error occurred. The value "
            + value
            + " of '"
            + a.logicalName()
            + "' on record of type '"
            + entity.logicalName()
            + "' is outside the valid range.");
  }
}
