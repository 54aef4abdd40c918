package io.dataexport.dataverse.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.api.error.RetriableException;
import io.dataexport.dataverse.http.DataverseJson;
import io.dataexport.dataverse.http.NetworkFailures;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens from the OAuth2 client-credentials grant (Microsoft Entra ID), cached and renewed
 * before they expire: there is no refresh token, so a new one is asked for a few minutes ahead.
 *
 * <p>Thread-safe. When the token needs renewing, one caller asks the endpoint while the others wait
 * for its answer (single flight), so a burst of readers costs one token request. Tokens and the
 * secret are never logged.
 */
public final class ClientCredentialsTokens {
  private static final Logger LOG = LoggerFactory.getLogger(ClientCredentialsTokens.class);

  private final HttpClient http;
  private final ClientCredentials credentials;
  private final Duration renewalMargin;
  private final Duration requestTimeout;
  private final Clock clock;
  private final ReentrantLock fetching = new ReentrantLock();
  private final AtomicReference<AccessToken> current = new AtomicReference<>();

  /** A token and when to stop using it. */
  private record AccessToken(String value, Instant renewAt) {}

  /**
   * @param http the client to send token requests with
   * @param credentials the token URL and credentials
   * @param renewalMargin how long before expiry to renew (capped at half the token's lifetime, so
   *     short-lived tokens are still used for a while)
   * @param requestTimeout how long a token request may take
   * @param clock the time source for expiry
   */
  public ClientCredentialsTokens(
      HttpClient http,
      ClientCredentials credentials,
      Duration renewalMargin,
      Duration requestTimeout,
      Clock clock) {
    this.http = http;
    this.credentials = credentials;
    this.renewalMargin = renewalMargin;
    this.requestTimeout = requestTimeout;
    this.clock = clock;
  }

  /**
   * A valid access token, asking the token endpoint for one when none is cached or the cached one
   * is due for renewal.
   *
   * @throws TokenRejectedException when the endpoint refuses the credentials (names the field)
   * @throws RetriableException when the endpoint cannot be reached or is unavailable now
   */
  public String accessToken() {
    AccessToken token = current.get();
    if (isFresh(token)) {
      return token.value();
    }
    // virtual-thread friendly: a ReentrantLock does not pin the carrier while the request blocks
    fetching.lock();
    try {
      token = current.get();
      if (!isFresh(token)) {
        token = fetch();
        current.set(token);
      }
      return token.value();
    } finally {
      fetching.unlock();
    }
  }

  /**
   * Forgets a token the server refused (401), so the next {@link #accessToken()} asks for a new
   * one. A token renewed meanwhile by another caller is kept.
   */
  public void invalidate(String token) {
    current.updateAndGet(held -> held != null && held.value().equals(token) ? null : held);
  }

  private boolean isFresh(AccessToken token) {
    return token != null && clock.instant().isBefore(token.renewAt());
  }

  private AccessToken fetch() {
    URI url = credentials.tokenUrl();
    String secret = credentials.clientSecret().reveal();
    String form =
        "grant_type=client_credentials"
            + "&client_id="
            + encode(credentials.clientId())
            + "&client_secret="
            + encode(secret)
            + "&scope="
            + encode(credentials.scope());
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(requestTimeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    Instant askedAt = clock.instant();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new RetriableException(
          "Cannot reach the token endpoint "
              + url
              + ": "
              + NetworkFailures.describe(e)
              + ". Check source.auth.tokenUrl and the network.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("Interrupted while asking " + url + " for a token.", e);
    }
    int status = response.statusCode();
    if (status == 429 || status >= 500) {
      throw new RetriableException(
          "The token endpoint " + url + " is unavailable now (HTTP " + status + ").",
          null,
          response
              .headers()
              .firstValue("Retry-After")
              .map(ClientCredentialsTokens::seconds)
              .orElse(null));
    }
    if (status != 200) {
      throw TokenRejection.of(status, response.body(), url, secret);
    }
    return accepted(response.body(), askedAt, url);
  }

  private AccessToken accepted(byte[] body, Instant askedAt, URI url) {
    JsonNode json;
    try {
      json = DataverseJson.MAPPER.readTree(body);
    } catch (IOException e) {
      json = DataverseJson.MAPPER.missingNode();
    }
    String value = json.path("access_token").asText("");
    if (value.isEmpty()) {
      throw new TokenRejectedException(
          "source.auth.tokenUrl",
          "The token endpoint "
              + url
              + " answered without an access_token. Check source.auth.tokenUrl.");
    }
    // Entra's v1 endpoint sends expires_in as text, v2 as a number; asLong reads both
    long lifetimeSeconds = Math.max(1, json.path("expires_in").asLong(3599));
    Duration lifetime = Duration.ofSeconds(lifetimeSeconds);
    Duration margin =
        renewalMargin.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : renewalMargin;
    LOG.debug("Got an access token from {} valid for {} s", url, lifetimeSeconds);
    return new AccessToken(value, askedAt.plus(lifetime).minus(margin));
  }

  private static Duration seconds(String retryAfter) {
    try {
      return Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
