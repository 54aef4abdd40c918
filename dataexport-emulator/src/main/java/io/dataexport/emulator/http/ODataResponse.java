package io.dataexport.emulator.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a Web API resource answers: status, headers and an already serialised body.
 *
 * @param status the HTTP status
 * @param headers response headers besides the content type
 * @param contentType the body's media type, or null without a body
 * @param body the body bytes, or null
 */
public record ODataResponse(
    int status, Map<String, String> headers, String contentType, byte[] body) {
  public static final String JSON = "application/json; odata.metadata=minimal; charset=utf-8";

  public static ODataResponse json(int status, byte[] body) {
    return new ODataResponse(status, Map.of(), JSON, body);
  }

  public static ODataResponse noContent(Map<String, String> headers) {
    return new ODataResponse(204, headers, null, null);
  }

  public static ODataResponse text(String text) {
    return new ODataResponse(
        200,
        Map.of(),
        "text/plain; charset=utf-8",
        text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A copy with one more header. */
  public ODataResponse withHeader(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return new ODataResponse(status, all, contentType, body);
  }
}
