package io.dataexport.dataverse.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.source.ChangeTokenExpiredException;
import io.dataexport.dataverse.auth.ClientCredentialsTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET requests to the Dataverse Web API with the headers it expects, a bearer token, and the
 * resilience its service protection asks of clients: 429 waits at least {@code Retry-After}; 502,
 * 503, 504 and lost connections back off exponentially; all within {@link RetryPolicy}'s total,
 * after which a {@link RetriableException} hands the wait to the caller. A 401 renews the token
 * once. {@link #stopWaiting()} ends every wait at once (the profile stops). Thread-safe.
 */
public final class WebApiClient {
  private static final Logger LOG = LoggerFactory.getLogger(WebApiClient.class);
  private static final Set<Integer> UNAVAILABLE = Set.of(502, 503, 504);

  private final HttpClient http;
  private final ClientCredentialsTokens tokens;
  private final RetryPolicy retry;
  private final Duration requestTimeout;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();

  /**
   * @param http the client to send requests with
   * @param tokens where bearer tokens come from
   * @param retry how long to wait between tries, and in all
   * @param requestTimeout how long one request may take until its answer starts
   */
  public WebApiClient(
      HttpClient http, ClientCredentialsTokens tokens, RetryPolicy retry, Duration requestTimeout) {
    this.http = http;
    this.tokens = tokens;
    this.retry = retry;
    this.requestTimeout = requestTimeout;
  }

  /**
   * Ends every wait: requests waiting to try again or for an answer give up now with a {@link
   * RetriableException}, and later ones at once too.
   */
  public void stopWaiting() {
    stopped.complete(null);
  }

  /**
   * GETs a JSON document (metadata).
   *
   * @throws WebApiNotFoundException on 404
   * @throws ConfigurationException when credentials, privileges or the request are refused
   * @throws RetriableException when the source stays unavailable or throttles beyond the allowed
   *     wait
   */
  public JsonNode getJson(URI uri) {
    byte[] body = get(uri, null);
    try {
      return DataverseJson.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new RetriableException("GET " + uri.getPath() + " answered malformed JSON.", e);
    }
  }

  /**
   * GETs a resource and returns the body of its successful answer.
   *
   * @param uri an absolute URL below the Web API root (a next or delta link is used unchanged)
   * @param prefer the {@code Prefer} header value, or null for none
   * @throws ChangeTokenExpiredException when the server says the change token expired
   * @throws WebApiNotFoundException on 404
   * @throws ConfigurationException when credentials, privileges or the request are refused
   * @throws RetriableException when the source stays unavailable or throttles beyond the allowed
   *     wait
   */
  public byte[] get(URI uri, String prefer) {
    return get(uri, prefer, problem -> {});
  }

  /**
   * As {@link #get(URI, String)}, telling {@code retrying} of each failed try it waits to repeat
   * (the failure and the wait), so a caller can show the source failing before the request gives
   * up.
   */
  public byte[] get(URI uri, String prefer, Consumer<String> retrying) {
    long started = System.nanoTime();
    boolean renewedToken = false;
    int failures = 0;
    while (true) {
      Attempt attempt = attempt(uri, prefer);
      if (attempt.response() != null) {
        HttpResponse<byte[]> response = attempt.response();
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return response.body();
        }
        if (status == 401 && !renewedToken) {
          // the token may have expired early or been revoked: one fresh token settles which
          LOG.info("GET {} refused the access token; asking for a new one", uri.getPath());
          tokens.invalidate(attempt.token());
          renewedToken = true;
          continue;
        }
        if (status != 429 && !UNAVAILABLE.contains(status)) {
          throw refusal(uri, ODataError.parse(status, response.body()));
        }
      }
      failures++;
      Duration wait = retry.nextWait(failures, attempt.retryAfter());
      if (stopped.isDone() || !retry.allows(Duration.ofNanos(System.nanoTime() - started), wait)) {
        throw givingUp(uri, started, failures, attempt, wait);
      }
      LOG.info(
          "GET {} failed ({}); trying again in {} ms",
          uri.getPath(),
          attempt.failure(),
          wait.toMillis());
      retrying.accept(
          "The source failed "
              + failures
              + (failures == 1 ? " time" : " times")
              + " in a row ("
              + attempt.failure()
              + "); trying again in "
              + Math.max(1, Math.round(wait.toMillis() / 1000.0))
              + " s");
      sleep(wait);
      if (stopped.isDone()) {
        throw givingUp(uri, started, failures, attempt, wait);
      }
    }
  }

  private static RetriableException givingUp(
      URI uri, long started, int failures, Attempt last, Duration wait) {
    return new RetriableException(
        "GET "
            + uri.getPath()
            + " still fails after "
            + Duration.ofNanos(System.nanoTime() - started).toSeconds()
            + " s and "
            + failures
            + " tries: "
            + last.failure()
            + ".",
        last.cause(),
        wait);
  }

  /**
   * One try: either an HTTP answer, or a failure worth retrying (no answer, or a token endpoint
   * that is unavailable).
   */
  private record Attempt(
      HttpResponse<byte[]> response,
      String token,
      String failure,
      Duration retryAfter,
      Throwable cause) {}

  private Attempt attempt(URI uri, String prefer) {
    String token;
    try {
      token = tokens.accessToken();
    } catch (RetriableException e) {
      return new Attempt(null, null, e.getMessage(), e.retryAfter().orElse(null), e);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .header("OData-Version", "4.0")
            .header("OData-MaxVersion", "4.0")
            .header("Authorization", "Bearer " + token)
            .GET();
    if (prefer != null) {
      request.header("Prefer", prefer);
    }
    CompletableFuture<HttpResponse<byte[]>> answer =
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    try {
      CompletableFuture.anyOf(answer, stopped).get();
      if (!answer.isDone()) {
        answer.cancel(true);
        return new Attempt(null, token, "no answer before the profile stopped", null, null);
      }
      HttpResponse<byte[]> response = answer.get();
      int status = response.statusCode();
      if (status == 429 || UNAVAILABLE.contains(status)) {
        ODataError error = ODataError.parse(status, response.body());
        return new Attempt(response, token, error.describe(), retryAfter(response), null);
      }
      return new Attempt(response, token, null, null, null);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException failure) {
        return new Attempt(
            null, token, "no answer: " + NetworkFailures.describe(failure), null, failure);
      }
      throw new RetriableException(
          "GET " + uri.getPath() + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new RetriableException("Interrupted while reading " + uri.getPath() + ".", e);
    }
  }

  private static RuntimeException refusal(URI uri, ODataError error) {
    String request = "GET " + uri.getPath();
    if (error.status() == 400 && error.code().equalsIgnoreCase(ODataError.CHANGE_TOKEN_EXPIRED)) {
      return new ChangeTokenExpiredException(
          request + ": the change token expired (" + error.message() + ")", null);
    }
    return switch (error.status()) {
      case 401 ->
          new ConfigurationException(
              request
                  + " refused a fresh access token ("
                  + error.describe()
                  + "). Check that source.auth.clientId is an application user of the"
                  + " organisation at source.url, and that source.auth.scope names it.");
      case 403 ->
          new ConfigurationException(
              request
                  + " is not allowed ("
                  + error.describe()
                  + "). Give the application user of source.auth.clientId a security role that"
                  + " reads the exported entities and their metadata.");
      case 404 ->
          new WebApiNotFoundException(request + " found nothing (" + error.describe() + ")", error);
      default ->
          error.status() >= 500
              ? new RetriableException(request + " failed on the server: " + error.describe(), null)
              : new ConfigurationException(request + " was refused: " + error.describe());
    };
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(
            value -> {
              try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
              } catch (NumberFormatException e) {
                // an HTTP date instead of seconds: back off on our own schedule
                return null;
              }
            })
        .orElse(null);
  }

  /** Waits before the next try, unless the waits were stopped meanwhile. */
  private void sleep(Duration wait) {
    try {
      stopped.get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException waitedItsCourse) {
      // the usual case
    } catch (ExecutionException e) {
      throw new IllegalStateException("the stop signal never fails", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("Interrupted while waiting to try again.", e);
    }
  }
}
