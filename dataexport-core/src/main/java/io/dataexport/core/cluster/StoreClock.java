package io.dataexport.core.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;

/**
 * This node's clock set by the shared store's: the base clock plus its offset to the database's
 * clock, measured at each cluster tick. The nodes of a cluster compare times written on different
 * nodes — a full read's start, taken where its reader runs, against the write times of the rows
 * every node's writer applies (the read's sweep removes the rows written before its start) — so
 * they must all tell time by one clock; a node whose own clock is off would otherwise have its rows
 * swept, or keep rows that should go. Until the first measurement, and on a single node, it is the
 * base clock.
 *
 * <p>Each measurement reads the store's clock between two readings of this node's; its error is at
 * most half the round trip, so of the last {@value #SAMPLES} the one with the shortest round trip
 * is used (a slow answer says little about the offset).
 */
public final class StoreClock extends Clock {
  static final int SAMPLES = 8;

  private final Clock base;
  private final Deque<Sample> samples = new ArrayDeque<>();
  private volatile Duration offset = Duration.ZERO;

  private record Sample(Duration offset, long roundTripNanos) {}

  public StoreClock(Clock base) {
    this.base = base;
  }

  /** The base clock's time now, to measure the store's clock against. */
  Instant baseInstant() {
    return base.instant();
  }

  /**
   * Records one reading of the store's clock.
   *
   * @param before this node's time just before asking the store
   * @param roundTripNanos how long the store took to answer, by the monotonic clock
   * @param store the store's clock in its answer
   * @return the offset now in use
   */
  synchronized Duration measured(Instant before, long roundTripNanos, Instant store) {
    Instant midway = before.plusNanos(roundTripNanos / 2);
    samples.addLast(new Sample(Duration.between(midway, store), roundTripNanos));
    if (samples.size() > SAMPLES) {
      samples.removeFirst();
    }
    offset =
        samples.stream()
            .min(Comparator.comparingLong(Sample::roundTripNanos))
            .orElseThrow()
            .offset();
    return offset;
  }

  /** How far the store's clock is ahead of this node's (negative: behind). */
  public Duration offset() {
    return offset;
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  /** A clock in another zone, with the offset of now. */
  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.offset(base.withZone(zone), offset);
  }
}
