package io.dataexport.emulator.http.records;

import io.dataexport.emulator.metadata.AttributeDefinition;
import io.dataexport.emulator.metadata.OptionDefinition;
import io.dataexport.emulator.store.EntityReference;
import io.dataexport.emulator.store.OrganisationStore;
import io.dataexport.emulator.store.StoredRecord;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code OData.Community.Display.V1.FormattedValue} text of a value, as an en-US user sees it.
 */
final class FormattedValues {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("M/d/yyyy h:mm a", Locale.US).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.US);

  private final OrganisationStore store;

  FormattedValues(OrganisationStore store) {
    this.store = store;
  }

  /** The formatted text, or null for kinds Dataverse does not format (strings, GUIDs). */
  String format(AttributeDefinition attribute, Object value) {
    return switch (attribute.kind()) {
      case PICKLIST, STATE, STATUS -> label(attribute, (Integer) value);
      case BOOLEAN -> label(attribute, Boolean.TRUE.equals(value) ? 1 : 0);
      case MULTI_SELECT_PICKLIST ->
          ((List<?>) value)
              .stream().map(v -> label(attribute, (Integer) v)).collect(Collectors.joining("; "));
      case MONEY -> "$" + number((BigDecimal) value, 2);
      case DECIMAL -> number((BigDecimal) value, attribute.precision());
      case DOUBLE -> number(BigDecimal.valueOf((Double) value), attribute.precision());
      case INTEGER -> number(BigDecimal.valueOf((Integer) value), 0);
      case BIGINT -> number(BigDecimal.valueOf((Long) value), 0);
      case DATETIME ->
          value instanceof LocalDate date ? DATE.format(date) : DATE_TIME.format((Instant) value);
      case LOOKUP, CUSTOMER, OWNER -> primaryName((EntityReference) value);
      case STRING, MEMO, UNIQUEIDENTIFIER, ENTITY_NAME -> null;
    };
  }

  private static String label(AttributeDefinition attribute, Integer value) {
    return attribute
        .optionSet()
        .option(value)
        .map(OptionDefinition::label)
        .map(l -> l.userText())
        .orElse(String.valueOf(value));
  }

  private static String number(BigDecimal value, int scale) {
    DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.US));
    format.setMinimumFractionDigits(scale);
    format.setMaximumFractionDigits(scale);
    return format.format(value);
  }

  private String primaryName(EntityReference reference) {
    var entity = store.metadata().entity(reference.logicalName()).orElseThrow();
    if (entity.primaryNameAttribute() == null) {
      return null;
    }
    return store
        .table(reference.logicalName())
        .get(reference.id())
        .map(StoredRecord::values)
        .map(values -> (String) values[entity.indexOf(entity.primaryNameAttribute())])
        .orElse(null);
  }
}
