package io.dataexport.soak.check;

import java.util.List;

/**
 * One entity's destination table compared row by row with the source.
 *
 * @param entity the entity's logical name
 * @param compared distinct ids on either side
 * @param missing rows the source has and the destination lacks
 * @param extra rows the destination has and the source does not: deleted in the source but still
 *     exported (or resurrected)
 * @param differing rows on both sides whose version or values differ
 * @param examples a few ids of each kind, with the first differing column
 * @param error why the table could not be read, or null
 */
public record EntityComparison(
    String entity,
    long compared,
    long missing,
    long extra,
    long differing,
    List<String> examples,
    String error) {

  public EntityComparison {
    examples = List.copyOf(examples);
  }

  /** The table could not be read: every source row counts as missing. */
  static EntityComparison unreadable(String entity, long sourceRows, String error) {
    return new EntityComparison(entity, sourceRows, sourceRows, 0, 0, List.of(), error);
  }

  /** Whether the table equals the source. */
  public boolean equal() {
    return error == null && missing == 0 && extra == 0 && differing == 0;
  }
}
