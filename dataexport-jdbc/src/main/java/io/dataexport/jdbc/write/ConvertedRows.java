package io.dataexport.jdbc.write;

import io.dataexport.api.notification.SyncNotification;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * The rows of a round's upserts, each converted from its notification when first read and kept, so
 * a bulk path can convert while it streams and read the rows again when it falls back to another
 * way. Not thread-safe.
 */
final class ConvertedRows extends AbstractList<Object[]> implements RandomAccess {
  private final List<SyncNotification> changes;
  private final Function<SyncNotification, Object[]> convert;
  private final Object[][] rows;

  /**
   * @param convert the row of a notification; throws {@link
   *     io.dataexport.api.error.PermanentException} for a value that does not fit
   */
  ConvertedRows(List<SyncNotification> changes, Function<SyncNotification, Object[]> convert) {
    this.changes = changes;
    this.convert = convert;
    this.rows = new Object[changes.size()][];
  }

  @Override
  public Object[] get(int index) {
    Object[] row = rows[index];
    if (row == null) {
      row = convert.apply(changes.get(index));
      rows[index] = row;
    }
    return row;
  }

  @Override
  public int size() {
    return changes.size();
  }
}
