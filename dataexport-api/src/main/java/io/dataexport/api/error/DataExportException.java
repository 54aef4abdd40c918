package io.dataexport.api.error;

/**
 * Root of the service's exceptions. Retry loops key on the three kinds below: {@link
 * RetriableException} is tried again, {@link PermanentException} isolates the record it concerns,
 * {@link ConfigurationException} stops the profile until an administrator fixes it. {@link
 * UnavailableException}, a retriable failure, says the other side takes nothing at all now, so no
 * record is to blame for it.
 */
public abstract class DataExportException extends RuntimeException {
  protected DataExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
