package io.dataexport.dataverse;

import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.SourceAuth;
import io.dataexport.api.profile.SourceConfig;
import io.dataexport.dataverse.auth.ClientCredentials;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a profile's source lives, resolved from its {@link SourceConfig}: the organisation root,
 * the Web API root under it, the token endpoint, and the client credentials.
 *
 * @param organisation the organisation root without a trailing slash, e.g. {@code
 *     https://org.crm.dynamics.com}
 * @param webApiRoot {@code <organisation>/api/data/v9.2/}
 * @param credentials the token endpoint and client credentials; the scope is {@code
 *     <organisation>/.default} unless configured
 */
public record SourceEndpoints(URI organisation, URI webApiRoot, ClientCredentials credentials) {

  /** The Web API path below the organisation root. */
  public static final String WEB_API_PATH = "/api/data/v9.2/";

  // users paste the organisation URL in every form they have seen: with or without the Web API
  // path, any version, with or without a trailing slash
  private static final Pattern WEB_API_SUFFIX =
      Pattern.compile("/api/data(/v\\d+(\\.\\d+)?)?/*$", Pattern.CASE_INSENSITIVE);

  /**
   * The endpoints of a configuration, or the problems that keep it from having any.
   *
   * @param endpoints the endpoints, or null when there are problems
   * @param problems what is wrong, naming the profile fields; empty when endpoints is set
   */
  public record Resolution(SourceEndpoints endpoints, List<Problem> problems) {
    public Resolution {
      problems = List.copyOf(problems);
    }
  }

  /** Resolves a configuration; never throws, every problem is reported together. */
  public static Resolution resolve(SourceConfig config) {
    List<Problem> problems = new ArrayList<>();
    URI organisation = config == null ? null : organisation(config.url(), problems);
    SourceAuth auth = config == null ? null : config.auth();
    if (auth == null) {
      problems.add(
          new Problem(
              "source.auth",
              null,
              "OAuth2 client credentials are required: tokenUrl, clientId and clientSecret of an"
                  + " application user of the organisation."));
      return new Resolution(null, problems);
    }
    URI tokenUrl = tokenUrl(auth.tokenUrl(), problems);
    if (auth.clientId() == null || auth.clientId().isBlank()) {
      problems.add(
          new Problem(
              "source.auth.clientId",
              null,
              "The application (client) id is required; find it on the app registration in"
                  + " Microsoft Entra ID."));
    }
    if (auth.clientSecret() == null || auth.clientSecret().isEmpty()) {
      problems.add(
          new Problem(
              "source.auth.clientSecret",
              null,
              "The client secret is required; create one under the app registration's"
                  + " 'Certificates & secrets' and give its value."));
    }
    if (!problems.isEmpty()) {
      return new Resolution(null, problems);
    }
    String scope =
        auth.scope() == null || auth.scope().isBlank()
            ? organisation + "/.default"
            : auth.scope().strip();
    return new Resolution(
        new SourceEndpoints(
            organisation,
            URI.create(organisation + WEB_API_PATH),
            new ClientCredentials(tokenUrl, auth.clientId().strip(), auth.clientSecret(), scope)),
        List.of());
  }

  private static URI organisation(String url, List<Problem> problems) {
    if (url == null || url.isBlank()) {
      problems.add(
          new Problem(
              "source.url",
              null,
              "The organisation URL is required, e.g. https://org.crm.dynamics.com."));
      return null;
    }
    URI parsed = httpUri(url.strip());
    if (parsed == null) {
      problems.add(
          new Problem(
              "source.url",
              url,
              "Not an http(s) URL. Give the organisation URL, e.g. https://org.crm.dynamics.com."));
      return null;
    }
    String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
    path = WEB_API_SUFFIX.matcher(path).replaceFirst("");
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return URI.create(parsed.getScheme() + "://" + parsed.getRawAuthority() + path);
  }

  private static URI tokenUrl(String url, List<Problem> problems) {
    String example = "e.g. https://login.microsoftonline.com/<tenant id>/oauth2/v2.0/token";
    if (url == null || url.isBlank()) {
      problems.add(
          new Problem(
              "source.auth.tokenUrl", null, "The OAuth2 token endpoint is required, " + example));
      return null;
    }
    URI parsed = httpUri(url.strip());
    if (parsed == null) {
      problems.add(new Problem("source.auth.tokenUrl", url, "Not an http(s) URL; " + example));
    }
    return parsed;
  }

  /** The URL as a URI when it is an absolute http or https URL with a host; otherwise null. */
  private static URI httpUri(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean http = scheme.equals("http") || scheme.equals("https");
      return http && uri.getHost() != null ? uri : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
