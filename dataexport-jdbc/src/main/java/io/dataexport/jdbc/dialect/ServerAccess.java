package io.dataexport.jdbc.dialect;

import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the dialects of database servers share when connecting fails: the message names the server
 * ({@code host:port}, from the JDBC URL) and tells an unreachable server from a rejected login and
 * a missing database.
 */
public abstract class ServerAccess implements DatabaseAccess {
  private final String product;
  private final int defaultPort;

  /**
   * @param product the database's name for messages, e.g. {@code PostgreSQL}
   * @param defaultPort the port the driver uses when the URL names none
   */
  protected ServerAccess(String product, int defaultPort) {
    this.product = product;
    this.defaultPort = defaultPort;
  }

  @Override
  public Problem connectionProblem(DestinationConfig config, SQLException failure) {
    String server = server(config.jdbcUrl());
    String reason = reason(failure);
    if (matches(failure, this::loginRejected)) {
      return new Problem(
          "destination.username",
          config.username(),
          product
              + " at "
              + server
              + " rejected the login: "
              + reason
              + ". Check destination.username and destination.password, and that this user may"
              + " connect from the service's machine");
    }
    if (matches(failure, this::unknownDatabase)) {
      return new Problem(
          "destination.jdbcUrl",
          config.jdbcUrl(),
          "the database named in the URL does not exist on "
              + product
              + " at "
              + server
              + ": "
              + reason
              + ". Create it (CREATE DATABASE) or correct destination.jdbcUrl");
    }
    return new Problem(
        "destination.jdbcUrl",
        config.jdbcUrl(),
        "cannot connect to "
            + product
            + " at "
            + server
            + ": "
            + reason
            + ". Check that the server is running and accepts TCP connections on "
            + server
            + " from the service's machine (host name, port, firewall, listen address), then"
            + " validate again");
  }

  /** Whether the server refused the user or password; the default reads SQLSTATE class 28. */
  protected boolean loginRejected(SQLException failure) {
    return failure.getSQLState() != null && failure.getSQLState().startsWith("28");
  }

  /** Whether the failure says the database named in the URL does not exist. */
  protected abstract boolean unknownDatabase(SQLException failure);

  /**
   * The server a JDBC URL names, {@code host:port} (the default port when it names none), for
   * messages; the URL itself when it has no {@code //host} part.
   */
  public String server(String jdbcUrl) {
    if (jdbcUrl == null) {
      return "(no URL)";
    }
    int start = jdbcUrl.indexOf("//");
    if (start < 0) {
      return jdbcUrl;
    }
    String rest = jdbcUrl.substring(start + 2);
    int end = 0;
    while (end < rest.length() && "/;?".indexOf(rest.charAt(end)) < 0) {
      end++;
    }
    String hostPort = rest.substring(0, end);
    int at = hostPort.lastIndexOf('@');
    if (at >= 0) {
      hostPort = hostPort.substring(at + 1); // user:password@host
    }
    boolean hasPort =
        hostPort.startsWith("[") ? hostPort.contains("]:") : hostPort.indexOf(':') >= 0;
    return hasPort || hostPort.contains(",") ? hostPort : hostPort + ":" + defaultPort;
  }

  private static String reason(SQLException failure) {
    Throwable deepest = failure;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    String message = failure.getMessage();
    if (deepest != failure && deepest.getMessage() != null && message != null) {
      if (!message.contains(deepest.getMessage())) {
        message = message + " (" + deepest.getMessage() + ")";
      }
    }
    return message;
  }

  private static boolean matches(SQLException failure, Predicate<SQLException> p) {
    Set<Throwable> seen = new HashSet<>();
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof SQLException sql && p.test(sql)) {
        return true;
      }
    }
    return false;
  }
}
