package io.dataexport.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexport.server.auth.Role;
import io.dataexport.server.config.ConfigKeys;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service behind a reverse proxy that ends TLS ({@code api.publicUrl: https://…}) serves plain
 * HTTP, yet the browser reaches it over HTTPS at another address: its cookies are {@code Secure}
 * and the OpenID Connect callback is the public address's, whatever Host header the proxy passes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicUrlTest {
  private static final String PUBLIC = "https://dataexport.example.test";
  private static final String CLIENT = "127.0.0.40";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SecuredApi api;

  @BeforeAll
  void startApi(@TempDir Path data) {
    api = new SecuredApi(data, Map.of(ConfigKeys.API_PUBLIC_URL, PUBLIC + "/"));
  }

  @AfterAll
  void stopApi() {
    api.close();
  }

  @Test
  void theSessionCookieIsSecureThoughTheServiceServesPlainHttp() throws Exception {
    String key = api.node.keys().issue(SecuredApi.unique("proxied"), Role.VIEWER).token();

    HttpResponse<String> login =
        api.send(
            CLIENT,
            "POST",
            "/api/v1/session",
            JSON.createObjectNode().put("apiKey", key).toString(),
            null,
            Map.of());
    HttpResponse<String> logout =
        api.send(CLIENT, "DELETE", "/api/v1/session", null, null, ConsoleSessionTest.cookie(login));

    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(attributes(login)).contains("HttpOnly", "SameSite=Strict", "Secure");
    assertThat(attributes(logout)).contains("Max-Age=0", "Secure");
  }

  @Test
  void theSignInComesBackToThePublicAddress() throws Exception {
    HttpResponse<String> begin = api.send(CLIENT, "GET", "/api/v1/session/oidc", null, null);

    assertThat(begin.statusCode()).isEqualTo(302);
    URI authorize = URI.create(begin.headers().firstValue("Location").orElseThrow());
    assertThat(redirectUri(authorize)).isEqualTo(PUBLIC + "/api/v1/session/oidc/callback");
    assertThat(attributes(begin)).contains("SameSite=Lax", "Secure");
  }

  private static List<String> attributes(HttpResponse<String> answer) {
    String setCookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
    return Arrays.stream(setCookie.split(";")).map(String::strip).toList();
  }

  private static String redirectUri(URI authorize) {
    for (String pair : authorize.getRawQuery().split("&")) {
      if (pair.startsWith("redirect_uri=")) {
        return URLDecoder.decode(pair.substring("redirect_uri=".length()), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no redirect_uri in " + authorize);
  }
}
