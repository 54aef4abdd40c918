package io.dataexport.dataverse.metadata;

import io.dataexport.api.error.ConfigurationException;
import java.util.regex.Pattern;

/**
 * Checks names before they go into metadata URLs: logical and schema names are letters, digits and
 * underscores, so anything else is a typo (and must not change the URL's meaning).
 */
final class MetadataNames {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,128}");

  private MetadataNames() {}

  /**
   * The name, checked.
   *
   * @param what what the name is of, for the message: {@code entity} or {@code relationship}
   * @throws ConfigurationException when it cannot be a Dataverse name
   */
  static String require(String name, String what) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ConfigurationException(
          "'"
              + name
              + "' is not a valid "
              + what
              + " name: Dataverse names hold only letters, digits and underscores.");
    }
    return name;
  }
}
