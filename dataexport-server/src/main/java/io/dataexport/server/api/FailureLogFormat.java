package io.dataexport.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.store.FailedRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a profile's failure log is downloaded: CSV (RFC 4180, a header line, UTF-8) or a JSON list,
 * both with the fields {@code entity, recordId, changeType, syncTime, reason, attempts,
 * firstFailedAt, failedAt}. Written page by page, so a long log never sits in memory.
 */
enum FailureLogFormat {
  CSV("text/csv; charset=utf-8", "csv"),
  JSON("application/json", "json");

  static final List<String> FIELDS =
      List.of(
          "entity",
          "recordId",
          "changeType",
          "syncTime",
          "reason",
          "attempts",
          "firstFailedAt",
          "failedAt");
  // with a codec, so the generator writes the entries' trees
  private static final JsonFactory JSON_FACTORY = new ObjectMapper().getFactory();

  private final String contentType;
  private final String extension;

  FailureLogFormat(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  /** The format named by the {@code format} query parameter; JSON when there is none. */
  static Optional<FailureLogFormat> named(String name) {
    if (name == null || name.isBlank()) {
      return Optional.of(JSON);
    }
    for (FailureLogFormat format : values()) {
      if (format.extension.equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  String contentType() {
    return contentType;
  }

  String extension() {
    return extension;
  }

  /** The source of the log's pages: entries with an id above the one given, by id. */
  @FunctionalInterface
  interface Pages {
    List<FailedRecord> after(long id);
  }

  /** Writes every entry the pages hand out, starting with {@code first}. */
  void write(List<FailedRecord> first, Pages pages, OutputStream out) throws IOException {
    if (this == CSV) {
      writeCsv(first, pages, out);
    } else {
      writeJson(first, pages, out);
    }
  }

  private static void writeCsv(List<FailedRecord> first, Pages pages, OutputStream out)
      throws IOException {
    Writer csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    csv.write(String.join(",", FIELDS));
    csv.write("\r\n");
    for (List<FailedRecord> page = first;
        !page.isEmpty();
        page = pages.after(page.getLast().id())) {
      for (FailedRecord entry : page) {
        csv.write(
            String.join(
                ",",
                entry.entity(),
                entry.recordId().toString(),
                changeType(entry),
                text(entry.syncTime()),
                quoted(entry.reason()),
                Integer.toString(entry.attempts()),
                text(entry.firstFailedAt()),
                text(entry.failedAt())));
        csv.write("\r\n");
      }
    }
    csv.flush();
  }

  private static void writeJson(List<FailedRecord> first, Pages pages, OutputStream out)
      throws IOException {
    try (JsonGenerator json = JSON_FACTORY.createGenerator(out)) {
      json.writeStartArray();
      for (List<FailedRecord> page = first;
          !page.isEmpty();
          page = pages.after(page.getLast().id())) {
        for (FailedRecord entry : page) {
          json.writeTree(toJson(entry));
        }
      }
      json.writeEndArray();
    }
  }

  /** An entry as the JSON download lists it: the {@link #FIELDS}, in their order. */
  static ObjectNode toJson(FailedRecord entry) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("entity", entry.entity());
    json.put("recordId", entry.recordId().toString());
    json.put("changeType", changeType(entry));
    json.put("syncTime", text(entry.syncTime()));
    json.put("reason", entry.reason());
    json.put("attempts", entry.attempts());
    json.put("firstFailedAt", text(entry.firstFailedAt()));
    json.put("failedAt", text(entry.failedAt()));
    return json;
  }

  private static String changeType(FailedRecord entry) {
    return entry.changeType().name().toLowerCase(Locale.ROOT);
  }

  private static String text(Instant instant) {
    return instant.toString();
  }

  /** A CSV field, quoted when it holds a separator, a quote or a line break (RFC 4180). */
  static String quoted(String value) {
    if (value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }
}
