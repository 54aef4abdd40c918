package io.dataexport.emulator.http.records;

import io.dataexport.emulator.http.ODataException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * A change-tracking token in Dataverse's shape, {@code <version>!<MM/dd/yyyy HH:mm:ss>}: every
 * change with a higher version is newer than the token. The time says when it was issued and
 * decides its expiry.
 *
 * @param version the last version the holder has seen
 * @param issuedAt when the token was issued (whole seconds, UTC)
 */
record ChangeToken(long version, Instant issuedAt) {
  static final String EXPIRED_CODE = "0x80044352";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss", Locale.ROOT);

  ChangeToken {
    issuedAt = issuedAt.truncatedTo(ChronoUnit.SECONDS);
  }

  /** The token text, before URL encoding. */
  String text() {
    return version + "!" + TIME.format(LocalDateTime.ofInstant(issuedAt, ZoneOffset.UTC));
  }

  /**
   * Parses a token from a delta link.
   *
   * @throws ODataException 400 when it is not a token this organisation issued
   */
  static ChangeToken parse(String text, long currentVersion) {
    int bang = text.indexOf('!');
    try {
      if (bang <= 0) {
        throw new IllegalArgumentException();
      }
      long version = Long.parseLong(text.substring(0, bang));
      Instant issued =
          LocalDateTime.parse(text.substring(bang + 1), TIME).toInstant(ZoneOffset.UTC);
      if (version < 0 || version > currentVersion) {
        throw new IllegalArgumentException();
      }
      return new ChangeToken(version, issued);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw ODataException.badRequest(
          "The $deltatoken '"
              + text
              + "' is not valid. Use the @odata.deltaLink of an earlier response unchanged.");
    }
  }

  static ODataException expired() {
    return ODataException.badRequest(
        EXPIRED_CODE,
        "Version stamp associated with the client has expired. Please perform a full sync.");
  }
}
