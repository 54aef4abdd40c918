package io.dataexport.dataverse.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Says in words why a request got no answer. The JDK client's exceptions often carry no message
 * ("java.net.ConnectException: null"), which tells an administrator nothing.
 */
public final class NetworkFailures {
  private NetworkFailures() {}

  /** A short reason such as {@code connection refused} or {@code unknown host}. */
  public static String describe(IOException failure) {
    if (failure instanceof HttpConnectTimeoutException) {
      return "connection timed out";
    }
    if (failure instanceof HttpTimeoutException) {
      return "no answer in time";
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnresolvedAddressException) {
        return "unknown host";
      }
    }
    String message = failure.getMessage();
    if (message != null && !message.isBlank()) {
      return message;
    }
    return failure instanceof ConnectException
        ? "connection refused"
        : failure.getClass().getSimpleName();
  }
}
