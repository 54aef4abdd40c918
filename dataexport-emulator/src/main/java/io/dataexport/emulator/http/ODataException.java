package io.dataexport.emulator.http;

import java.util.Map;

/**
 * A request the Web API refuses, answered in the Dataverse error format {@code {"error": {"code":
 * "...", "message": "..."}}} with a 4xx status (5xx only for emulated outages).
 */
public final class ODataException extends RuntimeException {
  /** Dataverse's code for a record or entity set that does not exist. */
  public static final String NOT_FOUND = "0x80040217";

  /** Dataverse's code for an unknown property or malformed query. */
  public static final String BAD_QUERY = "0x80060888";

  private final int status;
  private final String code;
  private final Map<String, String> headers;

  public ODataException(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  public ODataException(int status, String code, String message, Map<String, String> headers) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = Map.copyOf(headers);
  }

  public static ODataException badRequest(String code, String message) {
    return new ODataException(400, code, message);
  }

  public static ODataException badRequest(String message) {
    return new ODataException(400, BAD_QUERY, message);
  }

  public static ODataException notFound(String message) {
    return new ODataException(404, NOT_FOUND, message);
  }

  public int status() {
    return status;
  }

  /** The Dataverse error code ({@code 0x...}), or an empty string. */
  public String code() {
    return code;
  }

  /** Extra response headers, such as {@code Retry-After}. */
  public Map<String, String> headers() {
    return headers;
  }
}
