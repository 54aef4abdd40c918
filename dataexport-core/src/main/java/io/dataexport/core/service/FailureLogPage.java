package io.dataexport.core.service;

import io.dataexport.api.store.FailedRecord;
import java.util.List;
import java.util.OptionalLong;

/**
 * One page of a profile's failure log, as the API and the console show it a page at a time: the
 * entries (by id), how many entries the log holds (of the entity filtered by, if any), and whether
 * more follow this page. The page and the count are read one after the other, not as one snapshot:
 * a log that changes meanwhile (a resync empties it) may show a total a few entries off.
 *
 * @param entries up to the page size of entries, by id
 * @param total how many entries the log (or the entity's part of it) holds
 * @param more true when entries with a higher id than the last one here follow
 */
public record FailureLogPage(List<FailedRecord> entries, long total, boolean more) {

  public FailureLogPage {
    entries = List.copyOf(entries);
    if (more && entries.isEmpty()) {
      throw new IllegalArgumentException("An empty page cannot be followed by more entries");
    }
  }

  /**
   * The page from entries read one beyond the page size: the extra one only says that more follow,
   * so no second query is needed to tell the last page.
   */
  static FailureLogPage of(List<FailedRecord> readOneMore, int limit, long total) {
    boolean more = readOneMore.size() > limit;
    return new FailureLogPage(more ? readOneMore.subList(0, limit) : readOneMore, total, more);
  }

  /** The id to read the next page after: the last entry's; empty on the last page. */
  public OptionalLong nextAfterId() {
    return more ? OptionalLong.of(entries.getLast().id()) : OptionalLong.empty();
  }
}
