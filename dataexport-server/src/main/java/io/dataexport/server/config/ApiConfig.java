package io.dataexport.server.config;

import io.dataexport.server.tls.ServerIdentity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the REST API and the console listen, whether over TLS, and where users reach them: {@code
 * api.host}, {@code api.port}, {@code api.tls.*}, {@code api.publicUrl}.
 *
 * @param host the interface, {@code 127.0.0.1} (this machine only) unless configured
 * @param port the TCP port, 8080 unless configured; 0 picks a free one
 * @param tls the certificate and key the API presents; when present the API serves HTTPS only, when
 *     empty plain HTTP
 * @param publicUrl the address browsers reach the service at when it is not the one it serves on
 *     (behind a reverse proxy that ends TLS): the console's OpenID Connect callback is built on it,
 *     and its cookies are {@code Secure} when it is {@code https}; empty: the address each request
 *     came to
 */
public record ApiConfig(
    String host, int port, Optional<ServerIdentity> tls, Optional<URI> publicUrl) {
  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_PORT = 8080;
  // host names, IPv4 and IPv6 addresses; anything else cannot be bound
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]%]{1,255}");

  /** Plain HTTP on that address, reached there. */
  public ApiConfig(String host, int port) {
    this(host, port, Optional.empty(), Optional.empty());
  }

  /** {@code https} with TLS, else {@code http}. */
  public String scheme() {
    return tls.isPresent() ? "https" : "http";
  }

  static ApiConfig read(ConfigReader reader) {
    String host = reader.text(ConfigKeys.API_HOST, DEFAULT_HOST);
    if (!HOST.matcher(host).matches()) {
      reader.problem(
          ConfigKeys.API_HOST,
          "is not a host name or IP address. Give e.g. 127.0.0.1 (this machine only) or 0.0.0.0"
              + " (every interface).");
      host = DEFAULT_HOST;
    }
    return new ApiConfig(
        host,
        reader.integer(ConfigKeys.API_PORT, 0, 65535, DEFAULT_PORT),
        TlsConfig.read(reader),
        reader.optionalText(ConfigKeys.API_PUBLIC_URL).flatMap(url -> publicUrl(reader, url)));
  }

  /** {@code https://host[:port]} (or {@code http}), without path, query or user. */
  private static Optional<URI> publicUrl(ConfigReader reader, String text) {
    URI url;
    try {
      url = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    } catch (URISyntaxException e) {
      url = null;
    }
    boolean fits =
        url != null
            && ("https".equalsIgnoreCase(url.getScheme())
                || "http".equalsIgnoreCase(url.getScheme()))
            && url.getHost() != null
            && url.getRawUserInfo() == null
            && (url.getRawPath() == null || url.getRawPath().isEmpty())
            && url.getRawQuery() == null
            && url.getRawFragment() == null;
    if (!fits) {
      reader.problem(
          ConfigKeys.API_PUBLIC_URL,
          "is not the address browsers reach the service at. Give its scheme and host (and port),"
              + " without a path, e.g. https://dataexport.example.com (the console is served at"
              + " its root).");
      return Optional.empty();
    }
    return Optional.of(url);
  }
}
