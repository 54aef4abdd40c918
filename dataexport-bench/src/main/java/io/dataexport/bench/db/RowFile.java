package io.dataexport.bench.db;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Rows as the driver returned them, serialized to a file, for reference loads of databases without
 * a dump format of their own: each row an {@code Object[]} of JDBC values, then a null.
 */
final class RowFile {
  private static final int RESET_EVERY = 1000;

  private RowFile() {}

  /** Writes every row of the result set; returns how many. */
  static long write(ResultSet rows, Path file) throws SQLException, IOException {
    int columns = rows.getMetaData().getColumnCount();
    long count = 0;
    try (ObjectOutputStream out =
        new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      while (rows.next()) {
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
          row[i] = rows.getObject(i + 1);
        }
        out.writeObject(row);
        if (++count % RESET_EVERY == 0) {
          out.reset(); // the stream would otherwise keep every row it wrote
        }
      }
      out.writeObject(null);
    }
    return count;
  }

  /** Reads the rows of a file written by {@link #write}. */
  static final class Reader implements AutoCloseable {
    private final ObjectInputStream in;

    Reader(Path file) throws IOException {
      this.in = new ObjectInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    /** The next row, or null at the end. */
    Object[] next() throws IOException {
      try {
        return (Object[]) in.readObject();
      } catch (ClassNotFoundException e) {
        throw new IOException("the row file holds an unknown class: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
