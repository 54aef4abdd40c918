package io.dataexport.api.source;

import java.util.List;

/**
 * One page of changes and where to go on.
 *
 * @param changes the changes, in the order the source gave them
 * @param next the cursor to read from next
 * @param caughtUp whether this page ended at a delta link: nothing more is pending right now, and
 *     the reader may wait before polling again. The last page of an initial read is caught up too,
 *     and its {@code next} is in the {@link ChangeCursor.Phase#DELTA} phase.
 * @param estimatedTotal for initial reads, the source's count of records when it knows it; else -1
 */
public record ChangePage(
    List<SourceChange> changes, ChangeCursor next, boolean caughtUp, long estimatedTotal) {
  public ChangePage {
    changes = List.copyOf(changes);
  }
}
