package io.dataexport.dataverse.http;

import io.dataexport.api.error.ConfigurationException;

/**
 * The Web API answered 404: the entity, relationship or entity set asked for does not exist. A
 * configuration problem; callers that know what was asked for rethrow it with a message naming the
 * profile field.
 */
public class WebApiNotFoundException extends ConfigurationException {
  private final transient ODataError error;

  public WebApiNotFoundException(String message, ODataError error) {
    super(message);
    this.error = error;
  }

  /** The answer as the server gave it. */
  public ODataError error() {
    return error;
  }
}
