package io.dataexport.jdbc.schema;

import io.dataexport.api.error.ConfigurationException;
import java.util.regex.Pattern;

/**
 * Guards the names SQL is built from. Identifiers are always quoted, but names that come from the
 * source (entities, attributes) must still be plain logical names before they reach any statement.
 */
public final class Identifiers {
  private static final Pattern LOGICAL_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}");
  private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9]+");

  private Identifiers() {}

  /** Whether a profile setting (schema, table prefix) is alphanumeric. */
  public static boolean isAlphanumeric(String value) {
    return value != null && ALPHANUMERIC.matcher(value).matches();
  }

  /**
   * Returns a source logical name, checked.
   *
   * @param what what the name is, for the message (e.g. "attribute of account")
   * @throws ConfigurationException when it is not letters, digits and underscores
   */
  public static String logicalName(String what, String name) {
    if (name == null || !LOGICAL_NAME.matcher(name).matches()) {
      throw new ConfigurationException(
          "The "
              + what
              + " name '"
              + name
              + "' is not a logical name (a letter, then letters, digits or underscores, at most"
              + " 128); the destination builds no table or column from it. Remove it from the"
              + " profile.");
    }
    return name;
  }
}
