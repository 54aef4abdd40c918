package io.dataexport.bench.db;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark schemas not yet dropped, so that an interrupted run (Ctrl-C) drops them too: a
 * shutdown hook closes whatever is still open.
 */
final class OpenDatabases {
  private static final Set<BenchDatabase> OPEN = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> OPEN.forEach(BenchDatabase::close), "bench-drop-schemas"));
  }

  private OpenDatabases() {}

  static <T extends BenchDatabase> T opened(T database) {
    OPEN.add(database);
    return database;
  }

  static void closed(BenchDatabase database) {
    OPEN.remove(database);
  }
}
