package io.dataexport.kafka;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.DataExportException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.error.UnavailableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Turns what the Kafka clients throw into the service's errors, with a message saying what to
 * check: brokers that do not answer are {@link UnavailableException}s (tried again when they are
 * back), rejected credentials or missing rights are {@link ConfigurationException}s, other broker
 * errors {@link RetriableException}s.
 */
final class KafkaFailures {
  private KafkaFailures() {}

  /**
   * The service's error for a failure of {@code what} (e.g. "publish to topic t").
   *
   * @param servers the bootstrap servers, named in the message
   */
  static DataExportException translate(String what, String servers, Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof DataExportException known) {
      return known;
    }
    if (cause instanceof AuthenticationException) {
      return new ConfigurationException(
          "Kafka at "
              + servers
              + " refused the credentials to "
              + what
              + ": "
              + cause.getMessage()
              + ". Check bus.properties (security.protocol, sasl.mechanism, sasl.jaas.config).",
          cause);
    }
    if (cause instanceof AuthorizationException) {
      return new ConfigurationException(
          "Kafka at "
              + servers
              + " does not allow this service to "
              + what
              + ": "
              + cause.getMessage()
              + ". Grant the principal of bus.properties the rights on the topic and its consumer"
              + " groups (Describe, Read, Write, Create, Delete).",
          cause);
    }
    if (cause instanceof TimeoutException || cause instanceof InterruptException) {
      return new UnavailableException(
          "Kafka at "
              + servers
              + " did not answer in time to "
              + what
              + ": "
              + cause.getMessage()
              + ". Check that the brokers of bus.bootstrapServers are up and reachable from this"
              + " node, and that the topic's in-sync replicas are enough for acks=all.",
          cause);
    }
    return new RetriableException(
        "Kafka at " + servers + " failed to " + what + ": " + describe(cause), cause);
  }

  private static String describe(Throwable cause) {
    return cause instanceof KafkaException
        ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
        : cause.toString();
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
