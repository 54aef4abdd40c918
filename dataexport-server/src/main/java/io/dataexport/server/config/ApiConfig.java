package io.dataexport.server.config;

import io.dataexport.server.tls.ServerIdentity;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the REST API (and later the console) listens, and whether over TLS: {@code api.host},
 * {@code api.port}, {@code api.tls.*}.
 *
 * @param host the interface, {@code 127.0.0.1} (this machine only) unless configured
 * @param port the TCP port, 8080 unless configured; 0 picks a free one
 * @param tls the certificate and key the API presents; when present the API serves HTTPS only, when
 *     empty plain HTTP
 */
public record ApiConfig(String host, int port, Optional<ServerIdentity> tls) {
  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_PORT = 8080;
  // host names, IPv4 and IPv6 addresses; anything else cannot be bound
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]%]{1,255}");

  /** Plain HTTP on that address. */
  public ApiConfig(String host, int port) {
    this(host, port, Optional.empty());
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
        host, reader.integer(ConfigKeys.API_PORT, 0, 65535, DEFAULT_PORT), TlsConfig.read(reader));
  }
}
