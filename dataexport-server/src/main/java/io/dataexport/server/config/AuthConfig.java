package io.dataexport.server.config;

import io.dataexport.server.auth.Role;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call the API besides API keys, and what needs no credentials: {@code api.auth.oidc.*}
 * (OpenID Connect bearer tokens of one issuer) and {@code api.metrics.public}.
 *
 * @param oidc the OpenID Connect issuer to accept tokens of, or empty (API keys only)
 * @param metricsPublic true when {@code /metrics} is served without credentials (for a Prometheus
 *     that cannot send a key); false by default
 */
public record AuthConfig(Optional<Oidc> oidc, boolean metricsPublic) {
  static final String DEFAULT_ROLES_CLAIM = "roles";

  /**
   * An OpenID Connect issuer whose bearer tokens the API accepts.
   *
   * @param issuer the issuer URL as in the tokens' {@code iss} (e.g. {@code
   *     https://login.microsoftonline.com/<tenant>/v2.0}); its discovery document names its keys
   * @param audience the {@code aud} a token must have (e.g. the app registration's client id)
   * @param rolesClaim the claim with the caller's roles, {@code roles} by default
   * @param roleMapping claim value → role; empty when the values are the role names themselves
   */
  public record Oidc(
      String issuer, String audience, String rolesClaim, Map<String, Role> roleMapping) {
    public Oidc {
      roleMapping = Map.copyOf(roleMapping);
    }
  }

  static AuthConfig read(ConfigReader reader) {
    Optional<String> issuer = reader.optionalText(ConfigKeys.API_AUTH_OIDC_ISSUER);
    Optional<String> audience = reader.optionalText(ConfigKeys.API_AUTH_OIDC_AUDIENCE);
    String rolesClaim = reader.text(ConfigKeys.API_AUTH_OIDC_ROLES_CLAIM, DEFAULT_ROLES_CLAIM);
    Map<String, Role> mapping = roleMapping(reader);
    boolean metricsPublic = reader.bool(ConfigKeys.API_METRICS_PUBLIC, false);
    if (issuer.isEmpty()) {
      if (audience.isPresent() || !mapping.isEmpty()) {
        reader.problem(
            ConfigKeys.API_AUTH_OIDC_ISSUER,
            "is missing while other api.auth.oidc keys are set. Give the issuer URL (e.g."
                + " https://login.microsoftonline.com/<tenant>/v2.0) or remove the api.auth.oidc"
                + " keys.");
      }
      return new AuthConfig(Optional.empty(), metricsPublic);
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
        Optional.of(new Oidc(issuer.get(), audience.orElse(""), rolesClaim, mapping)),
        metricsPublic);
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
