package io.dataexport.core.sync;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in a test for something a background thread brings about. */
public final class Await {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private Await() {}

  /**
   * Returns once the condition holds, asking every 20 ms; fails the test after 20 s, naming what it
   * waited for.
   */
  public static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
