package io.dataexport.api.store;

import io.dataexport.api.error.ConfigurationException;

/** A profile of that name exists already; names are unique, ignoring ASCII letter case. */
public class DuplicateProfileNameException extends ConfigurationException {
  private final String name;

  public DuplicateProfileNameException(String name) {
    super(
        "name = '"
            + name
            + "': a profile of this name exists already. Choose another name, or update or delete"
            + " the existing profile.");
    this.name = name;
  }

  /** The name asked for. */
  public String name() {
    return name;
  }
}
