package io.dataexport.jdbc.dialect;

import java.util.Locale;

/**
 * Reads the parameters a JDBC URL sets ({@code ?a=1&b=2}, or {@code ;a=1;b=2} for SQL Server), so a
 * dialect's defaults never override what the administrator wrote.
 */
public final class UrlParameters {
  private UrlParameters() {}

  /** Whether the URL sets the parameter (case-insensitive). */
  public static boolean has(String url, String name) {
    if (url == null) {
      return false;
    }
    int start = url.indexOf('?');
    if (start < 0) {
      start = url.indexOf(';');
    }
    if (start < 0) {
      return false;
    }
    String wanted = name.toLowerCase(Locale.ROOT);
    for (String parameter : url.substring(start + 1).split("[&;]")) {
      String key = parameter.split("=", 2)[0].trim().toLowerCase(Locale.ROOT);
      if (key.equals(wanted)) {
        return true;
      }
    }
    return false;
  }
}
