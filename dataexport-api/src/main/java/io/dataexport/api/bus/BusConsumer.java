package io.dataexport.api.bus;

import java.time.Duration;
import java.util.List;

/**
 * A member of a consumer group reading a bus. Not thread-safe: one thread polls and acknowledges.
 *
 * <p>Contract: deliveries of one partition come in offset order. An acknowledged delivery is never
 * delivered to the group again; an unacknowledged one is delivered again after {@link #release} or
 * after a restart (at-least-once). Acknowledge only what the destination has committed.
 */
public interface BusConsumer extends AutoCloseable {

  /**
   * Up to {@code max} deliveries, waiting up to {@code timeout} for the first.
   *
   * @return the deliveries, possibly empty; never null
   */
  List<Delivery> poll(int max, Duration timeout);

  /** Marks deliveries as applied; the bus stores this durably and may then discard them. */
  void acknowledge(List<Delivery> deliveries);

  /**
   * Hands deliveries back unapplied: they, and every later delivery of their partitions already
   * polled, are delivered again by following polls.
   */
  void release(List<Delivery> deliveries);

  @Override
  void close();
}
