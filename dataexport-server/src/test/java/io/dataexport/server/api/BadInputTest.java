package io.dataexport.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexport.server.auth.Role;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input on every route, as an administrator (who gets past every role check): malformed
 * JSON, wrong types, huge and hostile strings, unknown ids, path tricks, bad query parameters.
 * Every answer is a 2xx or a 4xx with the JSON error body — never a 5xx, never a stack trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLIENT = "127.0.0.1";

  /** Values for a path parameter: unknown, huge, hostile. */
  private static final List<String> PATH_VALUES =
      List.of(
          "nosuch",
          "00000000-0000-0000-0000-000000000000",
          "x".repeat(5_000),
          "' OR 1=1 --",
          "../../../../etc/passwd",
          "%00",
          "<script>alert(1)</script>",
          "ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ",
          "%2E%2E%2F%2E%2E%2F",
          " ");

  /** Bodies for a route that reads one. */
  private static final List<String> BODIES =
      List.of(
          "",
          "{",
          "null",
          "[]",
          "\"a string\"",
          "42",
          "{\"name\": 42, \"entities\": \"account\", \"source\": [], \"destination\": true}",
          "{\"name\": \"" + "n".repeat(100_000) + "\"}",
          "{\"name\": \"\\u0000\\ud800\", \"role\": \"root\"}",
          "[".repeat(5_000) + "]".repeat(5_000),
          "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000),
          "{\"name\": \"x\", \"role\": \"admin\", \"extra\": {\"$where\": \"1\"}}");

  /** Query strings every route gets too. */
  private static final List<String> QUERIES =
      List.of(
          "?limit=-1&afterId=abc",
          "?limit=99999999999999999999",
          "?format=../../etc/passwd",
          "?format=xml",
          "?dropTables=maybe",
          "?confirm=" + "c".repeat(3_000),
          "?confirm=%27%20OR%201%3D1",
          "?afterId=-9223372036854775808&limit=0");

  private SecuredApi api;
  private String admin;
  private String profileId;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    api = new SecuredApi(data);
    admin = api.node.keys().issue(SecuredApi.unique("admin"), Role.ADMIN).token();
    profileId = api.node.profiles().create(api.profileDocument("target")).id();
  }

  @AfterAll
  void stop() {
    api.close();
  }

  @Test
  void everyRouteAnswersHostileInputWithA2xxOrA4xxJsonErrorAndNoStackTrace() throws Exception {
    Set<String> routes = new LinkedHashSet<>(api.node.api().routeRules().keySet());
    assertThat(routes).hasSizeGreaterThan(10);
    List<String> sent = new ArrayList<>();
    for (String route : routes) {
      String method = route.substring(0, route.indexOf(' '));
      String template = route.substring(route.indexOf(' ') + 1);
      for (String path : paths(template)) {
        boolean takesBody = method.equals("POST") || method.equals("PUT");
        for (String body : takesBody ? BODIES : Collections.singletonList((String) null)) {
          send(method, path, body, sent);
        }
        for (String query : QUERIES) {
          send(method, path + query, null, sent);
        }
      }
    }
    assertThat(sent).as("requests sent").hasSizeGreaterThan(300);
  }

  /** The route's path with each hostile value in each parameter, and with a real profile id. */
  private List<String> paths(String template) {
    List<String> paths = new ArrayList<>();
    if (template.contains("<path>")) {
      for (String value : PATH_VALUES) {
        paths.add(template.replace("<path>", encode(value)));
      }
      paths.add(template.replace("/<path>", "/profiles/../keys"));
      return paths;
    }
    if (!template.contains("{")) {
      paths.add(template);
      return paths;
    }
    for (String value : PATH_VALUES) {
      paths.add(template.replaceAll("\\{[^}]+}", encode(value)));
    }
    // a real profile with hostile other parameters (e.g. the entity of a resync)
    if (template.contains("/profiles/{id}")) {
      paths.add(template.replace("{id}", profileId).replaceAll("\\{[^}]+}", encode("../account")));
    }
    return paths;
  }

  private void send(String method, String path, String body, List<String> sent) throws Exception {
    String what = method + " " + abbreviate(path) + " with " + abbreviate(body);
    HttpResponse<String> answer;
    try {
      answer = api.send(CLIENT, method, path, body, admin);
    } catch (IOException e) {
      throw new AssertionError(what + " got no answer: " + e.getMessage(), e);
    }
    sent.add(what);
    int status = answer.statusCode();
    assertThat(status).as(what + " → " + abbreviate(answer.body())).isLessThan(500);
    assertThat(answer.body()).as(what).doesNotContain("\tat ", "Exception", "at io.dataexport");
    if (status >= 400) {
      assertThat(answer.headers().firstValue("Content-Type").orElse(""))
          .as(what + " → " + status + " " + abbreviate(answer.body()))
          .startsWith("application/json");
      JsonNode error = JSON.readTree(answer.body()).path("error");
      assertThat(error.path("code").asText()).as(what + " → " + answer.body()).isNotEmpty();
      assertThat(error.path("message").asText()).as(what).isNotEmpty();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String abbreviate(String text) {
    if (text == null) {
      return "no body";
    }
    return text.length() <= 120 ? text : text.substring(0, 120) + "… (" + text.length() + " chars)";
  }
}
