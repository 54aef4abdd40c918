package io.dataexport.bench.memory;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.dataexport.bench.report.Machine;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Samples this JVM's memory while a scenario runs: the heap in use and committed every {@value
 * #INTERVAL_MILLIS} ms, the resident set size from {@code /proc/self/status}, and the live heap:
 * every {@value #LIVE_EVERY_MILLIS} ms a full collection ({@code System.gc()}) is forced and the
 * heap left in use is read, which is the data the service holds at that moment (the heap after an
 * ordinary young collection still counts old garbage). Forcing collections costs the sync a few per
 * cent of its speed; the figures are about memory, not speed.
 */
final class MemorySampler implements AutoCloseable {
  private static final int INTERVAL_MILLIS = 100;
  private static final int LIVE_EVERY_MILLIS = 5000;
  private static final double MIB = 1024 * 1024;

  private final Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long maxUsed;
  private volatile long maxCommitted;
  private volatile long maxAfterGc;
  private volatile long maxLive;
  private volatile long liveSamples;
  private volatile long maxRssKib;
  private volatile long collections;

  MemorySampler() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(
            (notification, handback) -> {
              if (notification
                  .getType()
                  .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                afterGc(
                    GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData()));
              }
            },
            null,
            null);
      }
    }
    thread = Thread.ofPlatform().daemon().name("bench-memory-sampler").start(this::run);
  }

  private synchronized void afterGc(GarbageCollectionNotificationInfo info) {
    long live = 0;
    for (Map.Entry<String, MemoryUsage> pool :
        info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        live += pool.getValue().getUsed();
      }
    }
    collections++;
    maxAfterGc = Math.max(maxAfterGc, live);
  }

  private void run() {
    long nextLive = System.nanoTime() + LIVE_EVERY_MILLIS * 1_000_000L;
    while (running) {
      if (System.nanoTime() >= nextLive) {
        System.gc();
        maxLive =
            Math.max(maxLive, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        liveSamples++;
        nextLive = System.nanoTime() + LIVE_EVERY_MILLIS * 1_000_000L;
      }
      MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      maxUsed = Math.max(maxUsed, heap.getUsed());
      maxCommitted = Math.max(maxCommitted, heap.getCommitted());
      maxRssKib = Math.max(maxRssKib, Machine.procValue("/proc/self/status", "VmRSS:"));
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The peaks so far, in MiB (collections as a count). */
  synchronized Map<String, Object> peaks() {
    Map<String, Object> peaks = new LinkedHashMap<>();
    peaks.put(
        "heapMaxMiB", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / MIB);
    peaks.put("peakHeapUsedMiB", maxUsed / MIB);
    peaks.put("peakHeapCommittedMiB", maxCommitted / MIB);
    peaks.put("peakHeapAfterGcMiB", maxAfterGc / MIB);
    peaks.put("peakLiveHeapMiB", maxLive / MIB);
    peaks.put("liveSamples", liveSamples);
    peaks.put("peakRssMiB", maxRssKib / 1024.0);
    peaks.put("rssHighWaterMarkMiB", Machine.procValue("/proc/self/status", "VmHWM:") / 1024.0);
    peaks.put("collections", collections);
    return peaks;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join();
  }
}
