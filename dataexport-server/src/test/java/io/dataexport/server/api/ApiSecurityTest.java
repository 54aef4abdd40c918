package io.dataexport.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.server.auth.Role;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Security headers, slowed guessing, the audit log, and secrets kept out of answers and logs. */
class ApiSecurityTest extends SecuredApiTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyAnswerCarriesTheSecurityHeadersAndNoCorsHeaders() throws Exception {
    List<HttpResponse<String>> answers =
        List.of(
            api.send("127.0.0.1", "GET", "/api/v1/health", null, null),
            api.send("127.0.0.1", "GET", "/api/v1/profiles", null, null),
            api.send("127.0.0.1", "GET", "/api/v1/no-such-thing", null, admin),
            api.send("127.0.0.1", "POST", "/api/v1/profiles", "{not json", admin));

    assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 401, 404, 400);
    for (HttpResponse<String> answer : answers) {
      assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(answer.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'none'"));
      assertThat(answer.headers().firstValue("Referrer-Policy")).contains("no-referrer");
      assertThat(answer.headers().map().keySet())
          .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }
  }

  @Test
  void repeatedFailuresFromOneAddressAreSlowedDownWithoutLockingOutOthers() throws Exception {
    String guesser = "127.0.0.3";
    for (int attempt = 1; attempt <= 10; attempt++) {
      String guess = "dxk_00000000000000" + String.format("%02d", attempt) + "_" + "B".repeat(43);
      assertThat(api.send(guesser, "GET", "/api/v1/profiles", null, guess).statusCode())
          .as("attempt " + attempt)
          .isEqualTo(401);
    }

    HttpResponse<String> slowed = api.send(guesser, "GET", "/api/v1/profiles", null, admin);
    assertThat(slowed.statusCode()).isEqualTo(429);
    assertThat(slowed.headers().firstValue("Retry-After"))
        .hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 300L));
    assertThat(JSON.readTree(slowed.body()).path("error").path("code").asText())
        .isEqualTo("tooManyFailedAttempts");
    assertThat(api.send("127.0.0.4", "GET", "/api/v1/profiles", null, admin).statusCode())
        .isEqualTo(200);

    Thread.sleep(Duration.ofMillis(1100));
    assertThat(api.send(guesser, "GET", "/api/v1/profiles", null, admin).statusCode())
        .isEqualTo(200);
  }

  @Test
  void stateChangingCallsAreAuditedAndNoSecretShowsInAnswersLogsOrTheAuditLog() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    Logger ours = (Logger) LoggerFactory.getLogger("io.dataexport");
    Level before = ours.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    ours.setLevel(Level.DEBUG);
    List<String> answers = new ArrayList<>();
    List<String> secrets = new ArrayList<>(List.of(admin, EmulatorSettings.DEFAULT_CLIENT_SECRET));
    try {
      HttpResponse<String> made =
          api.send(
              "127.0.0.5",
              "POST",
              "/api/v1/keys",
              "{\"name\": \"deployer\", \"role\": \"operator\"}",
              admin);
      assertThat(made.statusCode()).isEqualTo(201);
      JsonNode key = JSON.readTree(made.body());
      String operator = key.path("key").asText();
      secrets.add(operator);
      String viewer = api.node.keys().issue("watcher", Role.VIEWER).token();
      secrets.add(viewer);
      String token = api.token("ada@example.com", "DataExport.Admin");
      secrets.add(token);

      HttpResponse<String> created =
          api.send(
              "127.0.0.5",
              "POST",
              "/api/v1/profiles",
              api.profileDocument("audited").toString(),
              token);
      answers.add(created.body());
      String id = JSON.readTree(created.body()).path("id").asText();
      answers.add(send("POST", "/api/v1/profiles/" + id + "/activate", operator, 200));
      answers.add(send("POST", "/api/v1/profiles/" + id + "/deactivate", viewer, 403));
      answers.add(send("GET", "/api/v1/profiles/" + id, viewer, 200));
      answers.add(send("GET", "/api/v1/keys", admin, 200));
      answers.add(send("DELETE", "/api/v1/keys/" + key.path("id").asText(), admin, 204));
      answers.add(send("POST", "/api/v1/profiles/" + id + "/deactivate", operator, 401));
      String audit = send("GET", "/api/v1/audit?limit=1000", admin, 200);

      JsonNode entries = JSON.readTree(audit).path("entries");
      assertThat(entries)
          .extracting(
              e ->
                  e.path("principal").asText()
                      + " "
                      + e.path("action").asText()
                      + " "
                      + e.path("outcome").asText())
          .contains(
              "admin key.create ok",
              "ada@example.com profile.create ok",
              "deployer profile.activate ok",
              "watcher profile.deactivate denied",
              "admin key.revoke ok");
      assertThat(entries)
          .filteredOn(e -> e.path("action").asText().equals("profile.activate"))
          .extracting(e -> e.path("target").asText())
          .contains(id);

      StringBuilder logged = new StringBuilder();
      for (ILoggingEvent event : logs.list) {
        logged.append(event.getFormattedMessage()).append('\n').append(event.getMDCPropertyMap());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
          logged.append(t.getMessage()).append('\n');
        }
      }
      assertThat(logs.list).isNotEmpty();
      for (String secret : secrets) {
        assertThat(logged.toString()).doesNotContain(secret);
        assertThat(audit).doesNotContain(secret);
        assertThat(String.join("\n", answers)).doesNotContain(secret);
      }
    } finally {
      root.detachAppender(logs);
      ours.setLevel(before);
    }
  }

  private String send(String method, String path, String bearer, int status) throws Exception {
    HttpResponse<String> answer = api.send("127.0.0.5", method, path, null, bearer);
    assertThat(answer.statusCode())
        .as(method + " " + path + ": " + answer.body())
        .isEqualTo(status);
    return answer.body();
  }
}
