package io.dataexport.dataverse.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.dataverse.http.DataverseJson;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns an OAuth2 error answer of Microsoft Entra ID ({@code error}, {@code error_description},
 * {@code error_codes}) into a {@link TokenRejectedException} naming the profile field at fault.
 */
final class TokenRejection {
  private static final String SECRET = "source.auth.clientSecret";
  private static final String CLIENT_ID = "source.auth.clientId";
  private static final String TOKEN_URL = "source.auth.tokenUrl";
  private static final String SCOPE = "source.auth.scope";

  // AADSTS numbers: invalid, expired or wrong-kind secret
  private static final Set<Long> SECRET_CODES = Set.of(7000215L, 7000222L, 7000216L);
  // application unknown in the tenant, or not allowed this grant
  private static final Set<Long> CLIENT_CODES = Set.of(700016L, 700030L, 70001L);
  // tenant unknown or malformed: the tenant part of the token URL is wrong
  private static final Set<Long> TENANT_CODES = Set.of(90002L, 900023L, 90013L);
  // resource or scope not found
  private static final Set<Long> SCOPE_CODES = Set.of(500011L, 1002012L, 70011L);

  private TokenRejection() {}

  static TokenRejectedException of(int status, byte[] body, URI tokenUrl, String secret) {
    JsonNode json = parse(body);
    String error = json.path("error").asText("");
    if (error.isEmpty()) {
      return new TokenRejectedException(
          TOKEN_URL,
          "The token endpoint "
              + tokenUrl
              + " answered "
              + status
              + " without an OAuth2 error. Check source.auth.tokenUrl, e.g."
              + " https://login.microsoftonline.com/<tenant id>/oauth2/v2.0/token.");
    }
    Set<Long> codes = new HashSet<>();
    json.path("error_codes").forEach(c -> codes.add(c.asLong()));
    String reason = redact(summary(json, error), secret);
    if (intersects(codes, SECRET_CODES)) {
      return new TokenRejectedException(
          SECRET,
          "The client secret was rejected ("
              + reason
              + "). Give the secret's value (not its id) in source.auth.clientSecret, or create a"
              + " new secret if it expired.");
    }
    if (intersects(codes, CLIENT_CODES) || error.equals("unauthorized_client")) {
      return new TokenRejectedException(
          CLIENT_ID,
          "The client id was rejected ("
              + reason
              + "). Check source.auth.clientId against the app registration, and that the token"
              + " URL names its tenant.");
    }
    if (intersects(codes, TENANT_CODES)) {
      return new TokenRejectedException(
          TOKEN_URL,
          "The tenant in the token URL was rejected ("
              + reason
              + "). Check the tenant id in source.auth.tokenUrl.");
    }
    if (intersects(codes, SCOPE_CODES) || error.equals("invalid_scope")) {
      return new TokenRejectedException(
          SCOPE,
          "The scope was rejected ("
              + reason
              + "). Leave source.auth.scope empty to use <source.url>/.default, or give the"
              + " organisation URL followed by /.default.");
    }
    if (error.equals("invalid_client")) {
      return new TokenRejectedException(
          SECRET,
          "The client credentials were rejected ("
              + reason
              + "). Check source.auth.clientId and source.auth.clientSecret.");
    }
    return new TokenRejectedException(
        "source.auth",
        "The token request was refused (" + reason + "). Check the settings under source.auth.");
  }

  private static JsonNode parse(byte[] body) {
    try {
      return DataverseJson.MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return DataverseJson.MAPPER.missingNode();
    }
  }

  /** The error and the first part of its description, without Entra's trace and timestamp. */
  private static String summary(JsonNode json, String error) {
    String description = json.path("error_description").asText("");
    int trace = description.indexOf(" Trace ID:");
    if (trace >= 0) {
      description = description.substring(0, trace);
    }
    description = description.replaceAll("\\s+", " ").strip();
    return description.isEmpty() ? error : error + ": " + description;
  }

  /** Belt and braces: an endpoint that echoed the secret must not get it into our messages. */
  private static String redact(String text, String secret) {
    return secret == null || secret.length() < 4 ? text : text.replace(secret, "****");
  }

  private static boolean intersects(Set<Long> codes, Set<Long> known) {
    return codes.stream().anyMatch(known::contains);
  }
}
