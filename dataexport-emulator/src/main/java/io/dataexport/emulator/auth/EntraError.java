package io.dataexport.emulator.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.http.JsonBodies;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * An OAuth2 error of the token endpoint, shaped like Microsoft Entra ID's: {@code error}, an {@code
 * AADSTS} code in {@code error_description} and {@code error_codes}, and the trace fields.
 * Descriptions never contain the client secret.
 *
 * @param status HTTP status (400, or 401 for a wrong secret)
 * @param error the OAuth2 error, such as {@code invalid_client}
 * @param code the AADSTS number
 * @param text the human-readable part of the description
 */
record EntraError(int status, String error, int code, String text) {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final JsonBodies JSON = new JsonBodies();

  static EntraError missingParameter(String name) {
    return new EntraError(
        400,
        "invalid_request",
        900144,
        "The request body must contain the following parameter: '" + name + "'.");
  }

  static EntraError unsupportedGrantType(String grantType) {
    return new EntraError(
        400,
        "unsupported_grant_type",
        70003,
        "The app requested an unsupported grant type '"
            + grantType
            + "'. This endpoint issues tokens for grant_type=client_credentials only.");
  }

  static EntraError unknownClient(String clientId) {
    return new EntraError(
        400,
        "invalid_client",
        700016,
        "Application with identifier '"
            + clientId
            + "' was not found in the directory. Check the client_id, or send the request to"
            + " the right tenant.");
  }

  static EntraError wrongSecret(String clientId) {
    return new EntraError(
        401,
        "invalid_client",
        7000215,
        "Invalid client secret provided. Ensure the secret being sent in the request is the"
            + " client secret value, not the client secret ID, for a secret added to app '"
            + clientId
            + "'.");
  }

  static EntraError invalidScope(String scope) {
    return new EntraError(
        400,
        "invalid_scope",
        1002012,
        "The provided value for scope "
            + scope
            + " is not valid. Client credential flows must have a scope value with /.default"
            + " suffixed to the resource identifier (application ID URI).");
  }

  /** The reply, stamped with the clock's current time and fresh trace and correlation ids. */
  AccessTokens.TokenReply reply(Clock clock) {
    String timestamp = TIMESTAMP.format(clock.instant());
    String traceId = UUID.randomUUID().toString();
    String correlationId = UUID.randomUUID().toString();
    ObjectNode body = JSON.object();
    body.put("error", error);
    body.put(
        "error_description",
        "AADSTS"
            + code
            + ": "
            + text
            + " Trace ID: "
            + traceId
            + " Correlation ID: "
            + correlationId
            + " Timestamp: "
            + timestamp);
    body.putArray("error_codes").add(code);
    body.put("timestamp", timestamp);
    body.put("trace_id", traceId);
    body.put("correlation_id", correlationId);
    body.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
    return new AccessTokens.TokenReply(status, JSON.bytes(body));
  }
}
