package io.dataexport.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * This process as a node of the service: {@code node.id}, its name in a cluster (and in its logs).
 *
 * @param id letters, digits, {@code .}, {@code _} and {@code -}; by default the host name and the
 *     process id, e.g. {@code web-1-4711}
 */
public record NodeConfig(String id) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  static NodeConfig read(ConfigReader reader) {
    String id = reader.optionalText(ConfigKeys.NODE_ID).orElseGet(NodeConfig::defaultId);
    if (!ID.matcher(id).matches()) {
      reader.problem(
          ConfigKeys.NODE_ID,
          "must be 1 to 100 letters, digits, '.', '_' or '-', beginning with a letter or digit;"
              + " leave it out for the host name and process id.");
      id = defaultId();
    }
    return new NodeConfig(id);
  }

  /** The host name (reduced to the allowed characters) and the process id. */
  static String defaultId() {
    return DefaultId.VALUE;
  }

  /** Computed once: resolving the host name may take a while on a machine without DNS. */
  private static final class DefaultId {
    static final String VALUE = compute();
  }

  private static String compute() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "node";
    }
    String name = host.replaceAll("[^A-Za-z0-9.-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
    if (name.length() > 80) {
      name = name.substring(0, 80);
    }
    return (name.isEmpty() ? "node" : name) + "-" + ProcessHandle.current().pid();
  }
}
