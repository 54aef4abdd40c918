package io.dataexport.bench.db;

import java.nio.file.Path;

/**
 * One plain way of loading rows into a table, the limit the writer is compared with: the rows the
 * writer wrote are dumped (not timed), then loaded into an empty table of the same shape (timed).
 */
public interface ReferenceLoad {

  /** A short name for the table of results, e.g. {@code COPY text}. */
  String name();

  /** What it does, for the report. */
  String description();

  /**
   * Writes every row of a table to a file the load reads, in {@code versionnumber} order: the order
   * the writer received them, so both meet the same (random) order of keys. Not timed.
   */
  void dump(String table, Path file) throws Exception;

  /** Loads a dump into an empty table. Only the database's part is timed, not reading the dump. */
  Result load(Path dump, String table) throws Exception;

  /**
   * What a load did.
   *
   * @param rows the rows loaded
   * @param seconds the time it took, reading the dump excluded
   */
  record Result(long rows, double seconds) {

    /** Rows per second. */
    public double rate() {
      return rows / seconds;
    }
  }
}
