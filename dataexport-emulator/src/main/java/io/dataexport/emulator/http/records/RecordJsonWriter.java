package io.dataexport.emulator.http.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.dataexport.emulator.http.Prefer;
import io.dataexport.emulator.metadata.AttributeDefinition;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.store.EntityReference;
import io.dataexport.emulator.store.StoredRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes record collections and single records as the Web API does, straight to bytes with a
 * streaming generator (pages of 5,000 rows must not become trees first).
 */
final class RecordJsonWriter {
  static final String FORMATTED = "OData.Community.Display.V1.FormattedValue";
  static final String LOOKUP_LOGICAL_NAME = "Microsoft.Dynamics.CRM.lookuplogicalname";
  static final String NAVIGATION_PROPERTY = "Microsoft.Dynamics.CRM.associatednavigationproperty";

  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private final FormattedValues formatted;

  RecordJsonWriter(FormattedValues formatted) {
    this.formatted = formatted;
  }

  /**
   * A collection page: context, rows, deletions, then the next or delta link (either may be null).
   */
  byte[] collection(
      String context,
      String deletedContext,
      EntityDefinition entity,
      SelectedAttributes selected,
      Prefer prefer,
      List<StoredRecord> rows,
      List<StoredRecord> deletions,
      String nextLink,
      String deltaLink) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, rows.size() * 900));
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("@odata.context", context);
      json.writeArrayFieldStart("value");
      for (StoredRecord row : rows) {
        writeRecord(json, entity, selected, prefer, row);
      }
      for (StoredRecord deletion : deletions) {
        json.writeStartObject();
        json.writeStringField("@odata.context", deletedContext);
        json.writeStringField("id", deletion.id().toString());
        json.writeStringField("reason", "deleted");
        json.writeEndObject();
      }
      json.writeEndArray();
      if (nextLink != null) {
        json.writeStringField("@odata.nextLink", nextLink);
      }
      if (deltaLink != null) {
        json.writeStringField("@odata.deltaLink", deltaLink);
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** One record with its own {@code @odata.context}. */
  byte[] single(
      String context,
      EntityDefinition entity,
      SelectedAttributes selected,
      Prefer prefer,
      StoredRecord row) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      writeRecord(json, entity, selected, prefer, row, context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The column list of a context URL, e.g. {@code accounts(name,accountid)}. */
  static String contextColumns(EntityDefinition entity, SelectedAttributes selected) {
    if (selected.selectText() == null) {
      return entity.entitySetName();
    }
    return entity.entitySetName()
        + "("
        + java.util.Arrays.stream(selected.indexes())
            .mapToObj(i -> entity.attributes().get(i).jsonName())
            .collect(Collectors.joining(","))
        + ")";
  }

  private void writeRecord(
      JsonGenerator json,
      EntityDefinition entity,
      SelectedAttributes selected,
      Prefer prefer,
      StoredRecord row)
      throws IOException {
    writeRecord(json, entity, selected, prefer, row, null);
  }

  private void writeRecord(
      JsonGenerator json,
      EntityDefinition entity,
      SelectedAttributes selected,
      Prefer prefer,
      StoredRecord row,
      String context)
      throws IOException {
    json.writeStartObject();
    if (context != null) {
      json.writeStringField("@odata.context", context);
    }
    json.writeStringField("@odata.etag", "W/\"" + row.version() + "\"");
    boolean wantFormatted = prefer.wantsAnnotation(FORMATTED);
    boolean wantLookupNames = prefer.wantsAnnotation(LOOKUP_LOGICAL_NAME);
    boolean wantNavigation = prefer.wantsAnnotation(NAVIGATION_PROPERTY);
    Object[] values = row.values();
    for (int index : selected.indexes()) {
      AttributeDefinition attribute = entity.attributes().get(index);
      Object value =
          attribute.logicalName().equals("versionnumber") ? row.version() : values[index];
      String name = attribute.jsonName();
      if (value != null && wantFormatted) {
        String text = formatted.format(attribute, value);
        if (text != null) {
          json.writeStringField(name + "@" + FORMATTED, text);
        }
      }
      if (value instanceof EntityReference reference) {
        if (wantNavigation) {
          json.writeStringField(
              name + "@" + NAVIGATION_PROPERTY, navigationProperty(attribute, reference));
        }
        if (wantLookupNames) {
          json.writeStringField(name + "@" + LOOKUP_LOGICAL_NAME, reference.logicalName());
        }
      }
      json.writeFieldName(name);
      writeValue(json, value);
    }
    json.writeEndObject();
  }

  /** Lookups with one target navigate by their name; polymorphic ones by name and target. */
  static String navigationProperty(AttributeDefinition attribute, EntityReference reference) {
    return attribute.targets().size() == 1 || attribute.logicalName().equals("ownerid")
        ? attribute.logicalName()
        : attribute.logicalName() + "_" + reference.logicalName();
  }

  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    switch (value) {
      case null -> json.writeNull();
      case String s -> json.writeString(s);
      case Integer i -> json.writeNumber(i);
      case Long l -> json.writeNumber(l);
      case BigDecimal d -> json.writeNumber(d);
      case Double d -> json.writeNumber(d);
      case Boolean b -> json.writeBoolean(b);
      case UUID u -> json.writeString(u.toString());
      case EntityReference r -> json.writeString(r.id().toString());
      case Instant t -> json.writeString(DateTimeFormatter.ISO_INSTANT.format(t));
      case LocalDate d -> json.writeString(d.toString());
      case List<?> options ->
          json.writeString(options.stream().map(String::valueOf).collect(Collectors.joining(",")));
      default -> throw new IllegalStateException("no JSON form for " + value.getClass());
    }
  }
}
