package io.dataexport.emulator.auth;

import io.dataexport.emulator.http.ODataException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The emulated Microsoft Entra ID token endpoint (OAuth2 client credentials) and the bearer-token
 * check in front of the Web API.
 */
public final class AccessTokens {

  public AccessTokens(String clientId, String clientSecret, Duration lifetime, Clock clock) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Answers a token request ({@code POST /<tenant>/oauth2/v2.0/token}, form-encoded).
   *
   * @param form the decoded form fields
   * @return the HTTP status and JSON body to answer with (200 with {@code access_token}, or an
   *     OAuth2 error such as {@code invalid_client})
   */
  public TokenReply issue(Map<String, List<String>> form) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Checks the {@code Authorization} header of a Web API request.
   *
   * @param authorizationHeader the header value, or null when absent
   * @return the client id the valid token was issued to
   * @throws ODataException 401 when the header is missing, malformed, unknown or expired
   */
  public String authenticate(String authorizationHeader) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * A reply of the token endpoint.
   *
   * @param status HTTP status
   * @param body JSON body
   */
  public record TokenReply(int status, byte[] body) {}
}
