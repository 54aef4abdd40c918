package io.dataexport.jdbc.dialect;

import io.dataexport.api.error.ConfigurationException;
import java.nio.charset.StandardCharsets;

/**
 * Guards a database's identifier length: PostgreSQL would silently truncate a longer name (two
 * tables could become one), MySQL refuses it with a less helpful message.
 */
public final class IdentifierLength {
  private IdentifierLength() {}

  /**
   * Returns the identifier when it fits.
   *
   * @param maxBytes the longest identifier the database keeps, in UTF-8 bytes
   * @throws ConfigurationException naming the identifier and the fix, when it is longer
   */
  public static String checked(String identifier, int maxBytes, String product) {
    if (identifier.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      throw new ConfigurationException(
          "The name '"
              + identifier
              + "' is longer than the "
              + maxBytes
              + " bytes "
              + product
              + " allows for a table or column name. Use a shorter destination.tablePrefix, or"
              + " leave the entity or attribute out of the profile.");
    }
    return identifier;
  }
}
