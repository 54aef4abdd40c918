package io.dataexport.soak.service;

/** The service answered a request with an error status, or could not be reached for it. */
public final class ServiceApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ServiceApiException(String message, Throwable cause) {
    super(message, cause);
  }
}
