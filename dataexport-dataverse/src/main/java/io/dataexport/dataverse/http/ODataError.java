package io.dataexport.dataverse.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An error answer of the Web API, {@code {"error": {"code": "0x...", "message": "..."}}}.
 *
 * @param status the HTTP status
 * @param code the Dataverse error code (hex text such as {@code 0x80044352}), or empty
 * @param message the server's message, or a short excerpt of a body that was not Dataverse JSON
 */
public record ODataError(int status, String code, String message) {
  private static final int EXCERPT = 200;

  /** The code Dataverse answers when a change token is older than the change retention. */
  public static final String CHANGE_TOKEN_EXPIRED = "0x80044352";

  /** Reads an error body; never throws, whatever the body holds. */
  public static ODataError parse(int status, byte[] body) {
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    try {
      JsonNode error = DataverseJson.MAPPER.readTree(text).path("error");
      if (error.isObject()) {
        return new ODataError(
            status, error.path("code").asText(""), error.path("message").asText("").strip());
      }
    } catch (IOException | RuntimeException e) {
      // not JSON (a proxy's HTML page, an empty body): the excerpt below says what came back
    }
    String excerpt = text.strip();
    if (excerpt.length() > EXCERPT) {
      excerpt = excerpt.substring(0, EXCERPT) + "...";
    }
    return new ODataError(status, "", excerpt.isEmpty() ? "no details given" : excerpt);
  }

  /** The error as one line, e.g. {@code 404 0x80040217: Entity 'x' was not found.} */
  public String describe() {
    return status + (code.isEmpty() ? "" : " " + code) + ": " + message;
  }
}
