package io.dataexport.emulator.http.records;

import io.dataexport.emulator.http.ODataException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state a {@code $skiptoken} carries between pages, written like Dataverse's paging cookie.
 * Three kinds: a plain read ({@code snapshot} and {@code until} unused), the initial read of change
 * tracking (remembers the version the read started at), and a delta read (remembers the version
 * range and whether it is past the changed rows and into the deletions).
 *
 * @param kind the kind of read
 * @param page the number of the page this cookie leads to
 * @param snapshot change tracking: the version the delta link will stand for ({@code initial}), or
 *     the token's version ({@code delta})
 * @param issued change tracking: epoch second the snapshot was taken
 * @param until delta reads: the last version included in this delta
 * @param deletions delta reads: whether the deletions are being listed
 * @param after where to go on: a position (plain and initial reads) or a version (delta reads)
 */
record PageCookie(
    Kind kind, int page, long snapshot, long issued, long until, boolean deletions, long after) {

  enum Kind {
    PLAIN,
    INITIAL,
    DELTA
  }

  private static final Pattern FORMAT =
      Pattern.compile(
          "<cookie pagenumber=\"(\\d+)\" kind=\"(PLAIN|INITIAL|DELTA)\" snapshot=\"(\\d+)\""
              + " issued=\"(\\d+)\" until=\"(\\d+)\" deletions=\"(true|false)\" after=\"(-?\\d+)\" />");

  String text() {
    return "<cookie pagenumber=\""
        + page
        + "\" kind=\""
        + kind
        + "\" snapshot=\""
        + snapshot
        + "\" issued=\""
        + issued
        + "\" until=\""
        + until
        + "\" deletions=\""
        + deletions
        + "\" after=\""
        + after
        + "\" />";
  }

  /**
   * @throws ODataException 400 when the text is not a cookie this emulator wrote
   */
  static PageCookie parse(String text) {
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      throw ODataException.badRequest(
          "The $skiptoken is not valid. Follow the @odata.nextLink of the previous page unchanged.");
    }
    try {
      return new PageCookie(
          Kind.valueOf(m.group(2)),
          Integer.parseInt(m.group(1)),
          Long.parseLong(m.group(3)),
          Long.parseLong(m.group(4)),
          Long.parseLong(m.group(5)),
          Boolean.parseBoolean(m.group(6)),
          Long.parseLong(m.group(7)));
    } catch (NumberFormatException e) {
      throw ODataException.badRequest(
          "The $skiptoken is not valid: a number in it is out of range.");
    }
  }

  PageCookie next(boolean nowDeletions, long nextAfter) {
    return new PageCookie(kind, page + 1, snapshot, issued, until, nowDeletions, nextAfter);
  }
}
