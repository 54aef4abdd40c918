package io.dataexport.dataverse.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.profile.Secret;
import io.dataexport.dataverse.auth.ClientCredentials;
import io.dataexport.dataverse.auth.ClientCredentialsTokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failure answers the emulator does not give (502, 503, a token refused again and again), played by
 * a real HTTP server that answers from a script.
 */
class WebApiClientTest {
  private HttpServer server;
  private HttpClient http;
  private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
  private final List<Map<String, List<String>>> requestHeaders = new ArrayList<>();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private volatile long tokenLifetimeSeconds = 3599;

  private record Answer(int status, Map<String, String> headers, String body) {}

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/token",
        exchange -> {
          int number = tokenRequests.incrementAndGet();
          sleep(Duration.ofMillis(50)); // a slow endpoint, so concurrent callers overlap
          answer(
              exchange,
              new Answer(
                  200,
                  Map.of(),
                  "{\"access_token\":\"token-"
                      + number
                      + "\",\"expires_in\":"
                      + tokenLifetimeSeconds
                      + "}"));
        });
    server.createContext(
        "/api/data/v9.2/",
        exchange -> {
          synchronized (requestHeaders) {
            requestHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
          }
          Answer next = script.poll();
          answer(exchange, next == null ? new Answer(200, Map.of(), "{\"value\":[]}") : next);
        });
    // requests are answered concurrently, as a real server would
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    http = HttpClient.newHttpClient();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    http.close();
  }

  @Test
  void everyRequestCarriesTheODataHeadersAndTheBearerToken() {
    client(Duration.ofSeconds(5)).get(apiUri("accounts"), "odata.maxpagesize=10");

    Map<String, List<String>> headers = requestHeaders.getFirst();
    assertThat(headers.get("Accept")).containsExactly("application/json");
    assertThat(headers.get("Odata-version")).containsExactly("4.0");
    assertThat(headers.get("Odata-maxversion")).containsExactly("4.0");
    assertThat(headers.get("Authorization")).containsExactly("Bearer token-1");
    assertThat(headers.get("Prefer")).containsExactly("odata.maxpagesize=10");
  }

  @Test
  void concurrentReadersShareOneTokenRequest() throws Exception {
    WebApiClient client = client(Duration.ofSeconds(5));
    try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<byte[]>> reads = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        reads.add(readers.submit(() -> client.get(apiUri("accounts"), null)));
      }
      for (Future<byte[]> read : reads) {
        read.get();
      }
    }

    assertThat(tokenRequests).hasValue(1);
    assertThat(requestHeaders).hasSize(20);
  }

  @Test
  void aTokenIsRenewedBeforeItExpires() {
    tokenLifetimeSeconds = 2;
    WebApiClient client = client(Duration.ofSeconds(5));

    client.get(apiUri("accounts"), null);
    sleep(Duration.ofMillis(1100));
    client.get(apiUri("accounts"), null);

    assertThat(requestHeaders)
        .extracting(h -> h.get("Authorization").getFirst())
        .containsExactly("Bearer token-1", "Bearer token-2");
  }

  @Test
  void unavailableAndThrottledAnswersAreTriedAgainUntilOneSucceeds() {
    script.add(new Answer(503, Map.of("Retry-After", "0"), "{}"));
    script.add(new Answer(502, Map.of(), "<html>Bad Gateway</html>"));
    script.add(new Answer(429, Map.of("Retry-After", "1"), error("0x80072322", "Too many")));
    script.add(new Answer(504, Map.of(), ""));
    script.add(new Answer(200, Map.of(), "{\"value\":[1]}"));
    long started = System.nanoTime();

    byte[] body = client(Duration.ofSeconds(10)).get(apiUri("accounts"), null);

    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"value\":[1]}");
    assertThat(requestHeaders).hasSize(5);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("waited at least the Retry-After of the 429")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void everyFailedTryItWaitsToRepeatIsToldAsItHappens() {
    script.add(new Answer(503, Map.of("Retry-After", "0"), "{}"));
    script.add(new Answer(429, Map.of("Retry-After", "1"), error("0x80072322", "Too many")));
    script.add(new Answer(200, Map.of(), "{\"value\":[1]}"));
    List<String> told = new ArrayList<>();

    client(Duration.ofSeconds(10)).get(apiUri("accounts"), null, told::add);

    assertThat(told).hasSize(2);
    assertThat(told.get(0)).startsWith("The source failed 1 time in a row (").contains("503");
    assertThat(told.get(1))
        .startsWith("The source failed 2 times in a row (")
        .contains("429")
        .endsWith("trying again in 1 s");
  }

  @Test
  void aRefusedTokenIsRenewedOnceThenTheRefusalIsAConfigurationProblem() {
    for (int i = 0; i < 3; i++) {
      script.add(new Answer(401, Map.of(), error("", "The access token is invalid.")));
    }

    assertThatThrownBy(() -> client(Duration.ofSeconds(5)).get(apiUri("accounts"), null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("The access token is invalid.")
        .hasMessageContaining("source.auth.clientId");
    assertThat(tokenRequests).hasValue(2);
    assertThat(requestHeaders)
        .extracting(h -> h.get("Authorization").getFirst())
        .containsExactly("Bearer token-1", "Bearer token-2");
  }

  @Test
  void aRefusedRequestCarriesTheServersCodeAndMessage() {
    script.add(new Answer(400, Map.of(), error("0x80060888", "Could not find a property 'x'.")));

    assertThatThrownBy(() -> client(Duration.ofSeconds(5)).get(apiUri("accounts"), null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "GET /api/data/v9.2/accounts was refused: 400 0x80060888: Could not find a"
                + " property 'x'.");
  }

  @Test
  void aServerThatStaysDownGivesUpAfterTheAllowedWaitWithARetriableFailure() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    long started = System.nanoTime();

    assertThatThrownBy(
            () ->
                client(Duration.ofMillis(800))
                    .get(URI.create("http://127.0.0.1:" + closedPort + "/api/data/v9.2/x"), null))
        .isInstanceOfSatisfying(
            RetriableException.class, e -> assertThat(e.retryAfter()).isPresent())
        .hasMessageContaining("no answer: connection refused");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
  }

  @Test
  void stoppingTheWaitsEndsARequestWaitingForAnAnswer() throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    server.createContext(
        "/api/data/v9.2/silent",
        exchange -> {
          asked.countDown();
          await(release); // answers only once the test is over
          answer(exchange, new Answer(200, Map.of(), "{}"));
        });
    WebApiClient client = client(Duration.ofMinutes(2), Duration.ofMinutes(2));
    try {
      CompletableFuture<byte[]> read =
          CompletableFuture.supplyAsync(
              () -> client.get(apiUri("silent"), null),
              Executors.newVirtualThreadPerTaskExecutor());
      assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();

      client.stopWaiting();

      assertThatThrownBy(() -> read.get(30, TimeUnit.SECONDS))
          .as("ends long before its two minutes")
          .hasCauseInstanceOf(RetriableException.class)
          .hasMessageContaining("no answer before the profile stopped");
      assertThatThrownBy(() -> client.get(apiUri("accounts"), null))
          .as("a later request gives up at once")
          .isInstanceOf(RetriableException.class);
    } finally {
      release.countDown();
    }
  }

  @Test
  void stoppingTheWaitsEndsTheRetriesOfAServerThatIsDown() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    WebApiClient client = client(Duration.ofMinutes(2), Duration.ofSeconds(5));
    CompletableFuture<byte[]> read =
        CompletableFuture.supplyAsync(
            () ->
                client.get(URI.create("http://127.0.0.1:" + closedPort + "/api/data/v9.2/x"), null),
            Executors.newVirtualThreadPerTaskExecutor());
    Thread.sleep(500); // a few tries and waits

    client.stopWaiting();

    assertThatThrownBy(() -> read.get(30, TimeUnit.SECONDS))
        .as("ends long before its two minutes of retries")
        .hasCauseInstanceOf(RetriableException.class)
        .hasMessageContaining("no answer: connection refused");
  }

  private WebApiClient client(Duration maxRetryWait) {
    return client(maxRetryWait, Duration.ofSeconds(5));
  }

  private WebApiClient client(Duration maxRetryWait, Duration requestTimeout) {
    ClientCredentialsTokens tokens =
        new ClientCredentialsTokens(
            http,
            new ClientCredentials(
                URI.create(base() + "token"), "app", Secret.of("secret"), "x/.default"),
            Duration.ofMinutes(5),
            Duration.ofSeconds(5),
            Clock.systemUTC());
    return new WebApiClient(
        http,
        tokens,
        new RetryPolicy(maxRetryWait, Duration.ofMillis(100), Duration.ofMillis(200)),
        requestTimeout);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private URI apiUri(String path) {
    return URI.create(base() + "api/data/v9.2/" + path);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String error(String code, String message) {
    return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
  }

  private static void answer(HttpExchange exchange, Answer answer) throws IOException {
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }
}
