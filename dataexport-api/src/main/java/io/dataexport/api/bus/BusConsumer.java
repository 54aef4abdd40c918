package io.dataexport.api.bus;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A member of a consumer group reading a bus. Not thread-safe: one thread polls and acknowledges.
 *
 * <p>Contract: deliveries of one partition come in offset order. An acknowledged delivery is not
 * delivered to the group again while the consumer lives; after a restart, acknowledged deliveries
 * above an unacknowledged one of the same partition may come again (only the contiguous
 * acknowledged offset is stored, as in Kafka). An unacknowledged delivery is delivered again after
 * {@link #release} or after a restart (at-least-once). Acknowledge only what the destination has
 * committed; version guards make the repeats harmless.
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

  /**
   * The partitions this member holds now, for status pages (cluster mode shows them per node). A
   * bus whose one member reads every partition (the embedded bus) answers with all of them; the
   * default is for buses that cannot tell, and says none.
   */
  default Set<Integer> assignment() {
    return Set.of();
  }

  @Override
  void close();
}
