package io.dataexport.api.store;

import io.dataexport.api.error.ConfigurationException;

/** An API key of that name exists already; names are unique, ignoring ASCII letter case. */
public class DuplicateApiKeyNameException extends ConfigurationException {
  public DuplicateApiKeyNameException(String name) {
    super(
        "name = '"
            + name
            + "': an API key of this name exists already. Choose another name, or revoke the"
            + " existing key first.");
  }
}
