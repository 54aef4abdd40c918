package io.dataexport.jdbc.dialect.postgresql;

import io.dataexport.jdbc.type.ColumnKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into a table with {@code COPY … FROM STDIN (FORMAT binary)} through the driver's
 * {@code CopyManager}, in chunks, so the server parses while later rows are still being converted
 * and encoded.
 */
final class BinaryCopy {
  private static final int CHUNK_BYTES = 1 << 17;

  private BinaryCopy() {}

  /**
   * Copies the rows; a row is read from {@code rows} only when it is encoded.
   *
   * @param table the quoted, qualified table
   * @param columns the quoted columns, in row order
   * @param kinds the columns' kinds, in row order
   * @return the rows copied
   * @throws SQLException as the server refuses the data (the copy is then cancelled)
   */
  static long copy(
      Connection connection,
      String table,
      List<String> columns,
      ColumnKind[] kinds,
      List<Object[]> rows)
      throws SQLException {
    CopyIn copy =
        connection
            .unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn(
                "COPY "
                    + table
                    + " ("
                    + String.join(", ", columns)
                    + ") FROM STDIN (FORMAT binary)");
    try {
      BinaryCopyBuffer buffer = new BinaryCopyBuffer();
      BinaryCopyValues.header(buffer);
      for (Object[] row : rows) {
        BinaryCopyValues.row(buffer, kinds, row);
        if (buffer.size() >= CHUNK_BYTES) {
          flush(copy, buffer);
        }
      }
      BinaryCopyValues.trailer(buffer);
      flush(copy, buffer);
      return copy.endCopy();
    } catch (SQLException | RuntimeException e) {
      // a row that cannot be converted, or the server refused one: end the copy, keep the cause
      if (copy.isActive()) {
        try {
          copy.cancelCopy();
        } catch (SQLException cancelled) {
          e.addSuppressed(cancelled);
        }
      }
      throw e;
    }
  }

  private static void flush(CopyIn copy, BinaryCopyBuffer buffer) throws SQLException {
    copy.writeToCopy(buffer.array(), 0, buffer.size());
    buffer.clear();
  }
}
