package io.dataexport.server.tls;

/**
 * A certificate, key or key store file cannot be used. The message says what is wrong with the file
 * (never a password or key material) and what to do; the caller names the setting it came from.
 */
public final class TlsFileException extends Exception {
  private final boolean passwordRejected;

  TlsFileException(String message, boolean passwordRejected) {
    super(message);
    this.passwordRejected = passwordRejected;
  }

  TlsFileException(String message) {
    this(message, false);
  }

  /** True when the file is fine but the password given does not open it. */
  public boolean passwordRejected() {
    return passwordRejected;
  }
}
