package io.dataexport.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.server.config.ConfigKeys;
import io.dataexport.server.config.ServiceConfig;
import io.dataexport.server.node.ServiceNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * A service whose API accepts tokens of a real OpenID Connect provider (mock-oauth2-server), the
 * Dataverse emulator as its profiles' source, and ways to make every kind of credential: API keys
 * and tokens valid, expired, forged or for another audience. For the tests of the API's security.
 */
final class SecuredApi implements AutoCloseable {
  static final String ISSUER_ID = "entra";
  static final String AUDIENCE = "dataexport-api";
  static final String CONSOLE_CLIENT = "dataexport-console";
  private static final ObjectMapper JSON = new ObjectMapper();

  final MockOAuth2Server provider = new MockOAuth2Server();
  final DataverseEmulator emulator;
  final ServiceNode node;
  private final Path data;

  SecuredApi(Path data) {
    this(data, Map.of());
  }

  /** With more settings, e.g. {@code api.publicUrl}. */
  SecuredApi(Path data, Map<String, String> settings) {
    this.data = data;
    provider.start();
    emulator = DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(20));
    Map<String, String> overrides =
        new HashMap<>(
            Map.of(
                ConfigKeys.DATA,
                data.resolve("service").toString(),
                ConfigKeys.API_HOST,
                "127.0.0.1",
                ConfigKeys.API_PORT,
                "0",
                ConfigKeys.API_AUTH_OIDC_ISSUER,
                issuer(),
                ConfigKeys.API_AUTH_OIDC_AUDIENCE,
                AUDIENCE,
                ConfigKeys.API_AUTH_OIDC_ROLE_MAPPING,
                "DataExport.Admin=admin,DataExport.Operator=operator,DataExport.Reader=viewer",
                ConfigKeys.API_AUTH_OIDC_CLIENT_ID,
                CONSOLE_CLIENT,
                ConfigKeys.API_AUTH_OIDC_CLIENT_SECRET,
                "console-secret"));
    overrides.putAll(settings);
    node =
        ServiceNode.start(ServiceConfig.load(null, Map.of(), overrides), SyncSettings.defaults());
  }

  String issuer() {
    return provider.issuerUrl(ISSUER_ID).toString();
  }

  /** A valid token of the provider for the subject with one app role. */
  String token(String subject, String appRole) {
    return provider
        .issueToken(ISSUER_ID, subject, AUDIENCE, Map.of("roles", List.of(appRole)), 3600)
        .serialize();
  }

  /** A token of the provider that expired an hour ago. */
  String expiredToken() {
    return provider
        .issueToken(
            ISSUER_ID, "late", AUDIENCE, Map.of("roles", List.of("DataExport.Admin")), -3600)
        .serialize();
  }

  /** A token of the provider for another application. */
  String otherAudienceToken() {
    return provider
        .issueToken(
            ISSUER_ID,
            "elsewhere",
            "another-app",
            Map.of("roles", List.of("DataExport.Admin")),
            3600)
        .serialize();
  }

  /**
   * A token that claims everything a valid one does (issuer, audience, the provider's key id, the
   * admin role) but is signed with another key.
   */
  String forgedToken() throws JOSEException {
    String keyId =
        provider.issueToken(ISSUER_ID, "x", AUDIENCE, Map.of(), 60).getHeader().getKeyID();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(),
            new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience(AUDIENCE)
                .subject("mallory")
                .claim("roles", List.of("DataExport.Admin"))
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                .build());
    jwt.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));
    return jwt.serialize();
  }

  /** A profile document reading the emulator's accounts into a SQLite file of its own. */
  ObjectNode profileDocument(String name) {
    ObjectNode document = JSON.createObjectNode();
    document.put("name", name);
    document.putArray("entities").add("account");
    ObjectNode source = document.putObject("source");
    source.put("url", emulator.baseUrl().toString().replaceAll("/$", ""));
    ObjectNode auth = source.putObject("auth");
    auth.put("tokenUrl", emulator.tokenUrl().toString());
    auth.put("clientId", EmulatorSettings.DEFAULT_CLIENT_ID);
    auth.put("clientSecret", EmulatorSettings.DEFAULT_CLIENT_SECRET);
    ObjectNode destination = document.putObject("destination");
    destination.put("type", "sqlite");
    destination.put("jdbcUrl", "jdbc:sqlite:" + data.resolve(name + ".sqlite").toAbsolutePath());
    return document;
  }

  /** A unique name for a profile or key. */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Sends a request from a client address of the loopback network (the service tells clients apart
   * by address).
   *
   * @param bearer the Authorization header's credentials, or null for none
   */
  HttpResponse<String> send(String from, String method, String path, String body, String bearer)
      throws IOException, InterruptedException {
    return send(from, method, path, body, bearer, Map.of());
  }

  /**
   * Sends a request with more headers (a cookie, a CSRF token); redirects are not followed.
   *
   * @param bearer the Authorization header's credentials, or null for none
   */
  HttpResponse<String> send(
      String from,
      String method,
      String path,
      String body,
      String bearer,
      Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
      // a large body waits for the server's go-ahead: a request the web server refuses before
      // any route runs (a URI too long) is answered at once, and its body never sent into a
      // closed connection (a broken pipe instead of the answer, as a browser would avoid too)
      request.expectContinue(body.length() > 8_192);
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    headers.forEach(request::header);
    try (HttpClient client =
        HttpClient.newBuilder().localAddress(InetAddress.getByName(from)).build()) {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  @Override
  public void close() {
    try {
      node.close();
    } finally {
      emulator.close();
      provider.shutdown();
    }
  }
}
