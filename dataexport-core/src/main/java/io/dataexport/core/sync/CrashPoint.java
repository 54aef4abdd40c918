package io.dataexport.core.sync;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test hook that kills the service at a chosen point, to reproduce a crash there on demand: the
 * system property {@value #PROPERTY} names a point and an entity, and optionally which time the
 * point is reached ({@code first-page-published:account:2} halts the second time the first page of
 * a full read of {@code account} has been published). The JVM then halts at once, like SIGKILL: no
 * shutdown hooks, nothing flushed. Without the property this does nothing.
 */
final class CrashPoint {
  /** The system property naming the crash point. */
  static final String PROPERTY = "dataexport.test.crashAt";

  /**
   * The first page of a full read is on the bus and the cursor has not moved past it: a restart
   * reads the entity from the start again.
   */
  static final String FIRST_PAGE_PUBLISHED = "first-page-published";

  private static final Logger LOG = LoggerFactory.getLogger(CrashPoint.class);
  private static final AtomicInteger REACHED = new AtomicInteger();

  private CrashPoint() {}

  static void reached(String point, String entity) {
    String wanted = System.getProperty(PROPERTY);
    if (wanted == null) {
      return;
    }
    String[] parts = wanted.split(":");
    if (parts.length < 2 || !parts[0].equals(point) || !parts[1].equals(entity)) {
      return;
    }
    int occurrence = parts.length > 2 ? Integer.parseInt(parts[2]) : 1;
    if (REACHED.incrementAndGet() == occurrence) {
      LOG.error("Crash point {} reached for {}: halting the JVM (test hook)", point, entity);
      Runtime.getRuntime().halt(137);
    }
  }
}
