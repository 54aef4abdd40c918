package io.dataexport.dataverse.tracking;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version a delta link's change token stands for. Tokens are opaque by contract, but
 * Dataverse's read {@code <version>!<MM/dd/yyyy HH:mm:ss>}; where one does, its version bounds the
 * versions of the changes it covers, which gives deletions (reported without a version) a version
 * that wins over everything read before them.
 */
final class DeltaToken {
  private static final Pattern VERSION = Pattern.compile("^(\\d{1,18})!");

  private DeltaToken() {}

  /** The version of the link's {@code $deltatoken}, or empty for other links and other tokens. */
  static OptionalLong versionOf(String link) {
    if (link == null) {
      return OptionalLong.empty();
    }
    try {
      String query = URI.create(link).getRawQuery();
      for (String parameter : query == null ? new String[0] : query.split("&")) {
        if (parameter.startsWith("$deltatoken=") || parameter.startsWith("%24deltatoken=")) {
          String token =
              URLDecoder.decode(
                  parameter.substring(parameter.indexOf('=') + 1), StandardCharsets.UTF_8);
          Matcher matcher = VERSION.matcher(token);
          return matcher.find()
              ? OptionalLong.of(Long.parseLong(matcher.group(1)))
              : OptionalLong.empty();
        }
      }
    } catch (IllegalArgumentException e) {
      // a link that is no URI, or a token that is not URL-encoded text: no version to learn
    }
    return OptionalLong.empty();
  }
}
