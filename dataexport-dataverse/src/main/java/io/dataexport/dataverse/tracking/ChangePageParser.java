package io.dataexport.dataverse.tracking;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.source.SourceChange;
import io.dataexport.dataverse.http.DataverseJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one page of a (tracked) collection answer: its rows and deletions in order, and its next or
 * delta link. Streams through the body so that only one row at a time becomes a tree; a page of
 * 5,000 rows never does.
 */
final class ChangePageParser {

  /**
   * What a page held.
   *
   * @param changes upserts and deletions in source order; deletions carry version {@code -1}
   * @param nextLink the {@code @odata.nextLink}, or null
   * @param deltaLink the {@code @odata.deltaLink}, or null
   */
  record ParsedPage(List<SourceChange> changes, String nextLink, String deltaLink) {}

  private ChangePageParser() {}

  /**
   * Parses a page body.
   *
   * @throws RetriableException when the body is not the JSON of a collection (a cut-off answer)
   */
  static ParsedPage parse(byte[] body, RecordConverter converter) {
    List<SourceChange> changes = new ArrayList<>();
    String nextLink = null;
    String deltaLink = null;
    try (JsonParser parser = DataverseJson.MAPPER.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw malformed(null);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken token = parser.nextToken();
        switch (field) {
          case "value" -> {
            if (token != JsonToken.START_ARRAY) {
              throw malformed(null);
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
              JsonNode row = parser.readValueAsTree();
              changes.add(
                  converter.isDeletion(row) ? converter.deletion(row) : converter.upsert(row));
            }
          }
          case "@odata.nextLink" -> nextLink = parser.getValueAsString();
          case "@odata.deltaLink" -> deltaLink = parser.getValueAsString();
          default -> parser.skipChildren();
        }
      }
    } catch (IOException e) {
      throw malformed(e);
    }
    return new ParsedPage(changes, nextLink, deltaLink);
  }

  private static RetriableException malformed(IOException cause) {
    return new RetriableException(
        "The source answered a page that is not a JSON collection"
            + (cause == null ? "" : " (" + cause.getMessage() + ")")
            + "; reading it again.",
        cause);
  }
}
