package io.dataexport.server.config;

import io.dataexport.api.profile.Secret;
import io.dataexport.server.auth.Role;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call the API besides API keys, and what needs no credentials: {@code api.auth.oidc.*}
 * (OpenID Connect bearer tokens of one issuer, and the console's login through it), {@code
 * api.metrics.public} and {@code api.session.hours}.
 *
 * @param oidc the OpenID Connect issuer to accept tokens of, or empty (API keys only)
 * @param metricsPublic true when {@code /metrics} is served without credentials (for a Prometheus
 *     that cannot send a key); false by default
 * @param sessionLifetime how long a console session lasts after its login, 8 hours by default
 */
public record AuthConfig(Optional<Oidc> oidc, boolean metricsPublic, Duration sessionLifetime) {
  static final String DEFAULT_ROLES_CLAIM = "roles";
  static final String DEFAULT_SCOPES = "openid";
  static final int DEFAULT_SESSION_HOURS = 8;

  /** Without the console settings: sessions of the default lifetime. */
  public AuthConfig(Optional<Oidc> oidc, boolean metricsPublic) {
    this(oidc, metricsPublic, Duration.ofHours(DEFAULT_SESSION_HOURS));
  }

  /**
   * An OpenID Connect issuer whose bearer tokens the API accepts.
   *
   * @param issuer the issuer URL as in the tokens' {@code iss} (e.g. {@code
   *     https://login.microsoftonline.com/<tenant>/v2.0}); its discovery document names its keys
   * @param audience the {@code aud} a token must have (e.g. the app registration's client id)
   * @param rolesClaim the claim with the caller's roles, {@code roles} by default
   * @param roleMapping claim value → role; empty when the values are the role names themselves
   * @param login the console's sign-in through this issuer, or empty when it offers API keys only
   */
  public record Oidc(
      String issuer,
      String audience,
      String rolesClaim,
      Map<String, Role> roleMapping,
      Optional<Login> login) {
    public Oidc {
      roleMapping = Map.copyOf(roleMapping);
    }

    /** Bearer tokens only: no console sign-in. */
    public Oidc(String issuer, String audience, String rolesClaim, Map<String, Role> roleMapping) {
      this(issuer, audience, rolesClaim, roleMapping, Optional.empty());
    }
  }

  /**
   * The console's sign-in with the issuer (authorization code flow with PKCE).
   *
   * @param clientId the client id of the app registration the console signs in as ({@code
   *     api.auth.oidc.clientId}); ID tokens are issued for it
   * @param clientSecret its secret ({@code api.auth.oidc.clientSecret}), or empty for a public
   *     client; never shown
   * @param scopes the scopes asked for, space-separated, always including {@code openid}
   */
  public record Login(String clientId, Optional<Secret> clientSecret, String scopes) {}

  static AuthConfig read(ConfigReader reader) {
    Optional<String> issuer = reader.optionalText(ConfigKeys.API_AUTH_OIDC_ISSUER);
    Optional<String> audience = reader.optionalText(ConfigKeys.API_AUTH_OIDC_AUDIENCE);
    String rolesClaim = reader.text(ConfigKeys.API_AUTH_OIDC_ROLES_CLAIM, DEFAULT_ROLES_CLAIM);
    Map<String, Role> mapping = roleMapping(reader);
    boolean metricsPublic = reader.bool(ConfigKeys.API_METRICS_PUBLIC, false);
    Duration sessions =
        Duration.ofHours(
            reader.integer(ConfigKeys.API_SESSION_HOURS, 1, 24 * 30, DEFAULT_SESSION_HOURS));
    Optional<String> clientId = reader.optionalText(ConfigKeys.API_AUTH_OIDC_CLIENT_ID);
    Optional<Secret> clientSecret = reader.secret(ConfigKeys.API_AUTH_OIDC_CLIENT_SECRET);
    Optional<String> scopes = reader.optionalText(ConfigKeys.API_AUTH_OIDC_SCOPES);
    if (clientId.isEmpty() && (clientSecret.isPresent() || scopes.isPresent())) {
      reader.problem(
          ConfigKeys.API_AUTH_OIDC_CLIENT_ID,
          "is missing while api.auth.oidc.clientSecret or api.auth.oidc.scopes is set. Give the"
              + " client id the console signs in as, or remove those keys.");
    }
    Optional<Login> login =
        clientId.map(id -> new Login(id, clientSecret, scopes(scopes.orElse(""))));
    if (issuer.isEmpty()) {
      if (audience.isPresent() || !mapping.isEmpty() || clientId.isPresent()) {
        reader.problem(
            ConfigKeys.API_AUTH_OIDC_ISSUER,
            "is missing while other api.auth.oidc keys are set. Give the issuer URL (e.g."
                + " https://login.microsoftonline.com/<tenant>/v2.0) or remove the api.auth.oidc"
                + " keys.");
      }
      return new AuthConfig(Optional.empty(), metricsPublic, sessions);
    }
    if (!isHttpUrl(issuer.get())) {
      reader.problem(
          ConfigKeys.API_AUTH_OIDC_ISSUER,
          "is not an http(s) URL. Give the issuer exactly as its tokens carry it in 'iss', e.g."
              + " https://login.microsoftonline.com/<tenant>/v2.0.");
    }
    if (audience.isEmpty()) {
      reader.problem(
          ConfigKeys.API_AUTH_OIDC_AUDIENCE,
          "is missing. Give the audience tokens are issued for (for Microsoft Entra ID, the"
              + " application (client) id of the service's app registration).");
    }
    return new AuthConfig(
        Optional.of(new Oidc(issuer.get(), audience.orElse(""), rolesClaim, mapping, login)),
        metricsPublic,
        sessions);
  }

  /** {@code openid} and the configured scopes, each once, space-separated. */
  private static String scopes(String configured) {
    Set<String> scopes = new LinkedHashSet<>();
    scopes.add(DEFAULT_SCOPES);
    for (String scope : configured.split("[\\s,]+")) {
      if (!scope.isBlank()) {
        scopes.add(scope);
      }
    }
    return String.join(" ", scopes);
  }

  /** {@code value=role,value=role} → a map; every wrong entry reported. */
  private static Map<String, Role> roleMapping(ConfigReader reader) {
    Map<String, Role> mapping = new LinkedHashMap<>();
    Optional<String> text = reader.optionalText(ConfigKeys.API_AUTH_OIDC_ROLE_MAPPING);
    if (text.isEmpty()) {
      return mapping;
    }
    for (String entry : text.get().split(",")) {
      String[] pair = entry.split("=", -1);
      Optional<Role> role = pair.length == 2 ? Role.named(pair[1].strip()) : Optional.empty();
      if (role.isEmpty() || pair[0].isBlank()) {
        reader.problem(
            ConfigKeys.API_AUTH_OIDC_ROLE_MAPPING,
            "has the entry '"
                + entry.strip()
                + "'. Write claimValue=role entries separated by commas, each role one of "
                + Role.names()
                + ", e.g. DataExport.Admin=admin,DataExport.Reader=viewer.");
        continue;
      }
      mapping.put(pair[0].strip(), role.get());
    }
    return mapping;
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
