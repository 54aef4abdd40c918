package io.dataexport.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.dataexport.api.error.RetriableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks OpenID Connect bearer tokens (JWTs) of one issuer: the signature against the issuer's JWKS
 * (found through its discovery document, fetched on first use and cached by nimbus-jose-jwt),
 * expiry, not-before, issuer and audience; the role comes from a claim through a mapping. Thread-
 * safe.
 */
public final class OidcVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(OidcVerifier.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final String issuer;
  private final String audience;
  private final String rolesClaim;
  private final Map<String, Role> roleMapping;
  private volatile DefaultJWTProcessor<SecurityContext> processor;
  private volatile JsonNode discovery;

  /**
   * @param issuer the issuer URL exactly as tokens carry it in {@code iss}
   * @param audience the {@code aud} tokens must have (e.g. the app's client id)
   * @param rolesClaim the claim holding the caller's roles (a string or a list of strings)
   * @param roleMapping claim value → role; empty means the values are role names themselves
   */
  public OidcVerifier(
      String issuer, String audience, String rolesClaim, Map<String, Role> roleMapping) {
    this.issuer = issuer;
    this.audience = audience;
    this.rolesClaim = rolesClaim;
    this.roleMapping = Map.copyOf(roleMapping);
  }

  /**
   * The caller a token authenticates; empty when it is not a valid token of this issuer for this
   * audience, or maps to no role.
   *
   * @throws RetriableException when the issuer's discovery document or keys cannot be fetched
   */
  public Optional<Principal> verify(String token) {
    return claims(token).flatMap(this::principal);
  }

  /**
   * The claims of a valid token of this issuer for this audience (signature, expiry, not-before,
   * issuer, audience checked); empty when it is not one.
   *
   * @throws RetriableException when the issuer's discovery document or keys cannot be fetched
   */
  Optional<JWTClaimsSet> claims(String token) {
    try {
      return Optional.of(processor().process(token, null));
    } catch (KeySourceException e) {
      throw new RetriableException(
          "Cannot fetch the signing keys of the OpenID Connect issuer " + issuer + ": " + e, e);
    } catch (ParseException | BadJOSEException | JOSEException e) {
      LOG.debug("Token refused: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** The caller of a valid token's claims; empty when they map to no role this service knows. */
  Optional<Principal> principal(JWTClaimsSet claims) {
    Optional<Role> role = role(claims);
    if (role.isEmpty()) {
      LOG.info(
          "Token of {} has no role this service knows in its '{}' claim",
          claims.getSubject(),
          rolesClaim);
    }
    return role.map(r -> new Principal(claims.getSubject(), r));
  }

  /** The claim that holds the roles, for messages. */
  String rolesClaim() {
    return rolesClaim;
  }

  /** The highest role the token's claim values map to. */
  private Optional<Role> role(JWTClaimsSet claims) {
    Object value = claims.getClaim(rolesClaim);
    List<?> values =
        value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
    Role best = null;
    for (Object item : values) {
      String name = String.valueOf(item);
      Optional<Role> role =
          roleMapping.isEmpty() ? Role.named(name) : Optional.ofNullable(roleMapping.get(name));
      if (role.isPresent() && (best == null || role.get().includes(best))) {
        best = role.get();
      }
    }
    return Optional.ofNullable(best);
  }

  private DefaultJWTProcessor<SecurityContext> processor() throws KeySourceException {
    DefaultJWTProcessor<SecurityContext> ready = processor;
    if (ready == null) {
      synchronized (this) {
        if (processor == null) {
          processor = newProcessor(jwksUri());
        }
        ready = processor;
      }
    }
    return ready;
  }

  private DefaultJWTProcessor<SecurityContext> newProcessor(URI jwksUri) throws KeySourceException {
    Set<JWSAlgorithm> algorithms = new HashSet<>(JWSAlgorithm.Family.RSA);
    algorithms.addAll(JWSAlgorithm.Family.EC);
    DefaultJWTProcessor<SecurityContext> created = new DefaultJWTProcessor<>();
    try {
      created.setJWSKeySelector(
          new JWSVerificationKeySelector<>(
              algorithms, JWKSourceBuilder.create(jwksUri.toURL()).retrying(true).build()));
    } catch (IOException e) {
      throw new KeySourceException("the JWKS URL " + jwksUri + " is not a URL", e);
    }
    // exp is required and checked, nbf checked when present (60 s clock skew allowed)
    created.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            audience, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp")));
    return created;
  }

  /** The {@code jwks_uri} of the issuer's discovery document. */
  private URI jwksUri() throws KeySourceException {
    try {
      return URI.create(discovery().path("jwks_uri").asText());
    } catch (IllegalArgumentException e) {
      throw new KeySourceException("the issuer's jwks_uri is not a URI: " + e.getMessage(), e);
    }
  }

  /**
   * The issuer's discovery document (its endpoints), fetched on first use and kept.
   *
   * @throws KeySourceException when it cannot be fetched or names another issuer
   */
  JsonNode discovery() throws KeySourceException {
    JsonNode known = discovery;
    if (known == null) {
      known = fetchDiscovery();
      discovery = known;
    }
    return known;
  }

  private JsonNode fetchDiscovery() throws KeySourceException {
    URI discovery =
        URI.create(
            (issuer.endsWith("/") ? issuer : issuer + "/") + ".well-known/openid-configuration");
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new KeySourceException(discovery + " answered " + response.statusCode());
      }
      JsonNode document = JSON.readTree(response.body());
      if (!issuer.equals(document.path("issuer").asText())) {
        throw new KeySourceException(
            discovery
                + " names the issuer '"
                + document.path("issuer").asText()
                + "'; set api.auth.oidc.issuer to exactly that");
      }
      return document;
    } catch (IOException | IllegalArgumentException e) {
      throw new KeySourceException("cannot read " + discovery + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeySourceException("interrupted while reading " + discovery, e);
    }
  }
}
