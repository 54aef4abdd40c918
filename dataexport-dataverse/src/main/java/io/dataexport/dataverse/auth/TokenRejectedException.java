package io.dataexport.dataverse.auth;

import io.dataexport.api.error.ConfigurationException;

/**
 * The token endpoint refused the client credentials. Nothing works until an administrator fixes the
 * profile field {@link #field()} names.
 */
public class TokenRejectedException extends ConfigurationException {
  private final String field;

  /**
   * @param field the profile field at fault, e.g. {@code source.auth.clientSecret}
   * @param message what was refused and how to fix it; never holds the secret
   */
  public TokenRejectedException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The profile field at fault, e.g. {@code source.auth.clientSecret}. */
  public String field() {
    return field;
  }
}
