package io.dataexport.api.error;

/**
 * A failure that trying again will not cure (a constraint violation, a value out of range). The
 * record it concerns is isolated and logged as failed; the rest of the stream goes on.
 */
public class PermanentException extends DataExportException {
  public PermanentException(String message, Throwable cause) {
    super(message, cause);
  }
}
