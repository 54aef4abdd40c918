package io.dataexport.jdbc;

import java.util.regex.Pattern;

/** Shows JDBC URLs without the secrets some of them carry ({@code password=}, {@code user:pw@}). */
final class JdbcUrls {
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)(password|pwd|secret)=[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("//([^/@:]+):[^/@]*@");

  private JdbcUrls() {}

  static String redact(String url) {
    if (url == null) {
      return null;
    }
    String redacted = PASSWORD_PARAMETER.matcher(url).replaceAll("$1=****");
    return USER_INFO.matcher(redacted).replaceAll("//$1:****@");
  }
}
