package io.dataexport.core.sync;

import io.dataexport.api.bus.Delivery;
import io.dataexport.api.destination.Destination;
import io.dataexport.api.error.PermanentException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.error.UnavailableException;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.schema.EntitySchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The writer's first try of a batch of one entity: one destination transaction for the whole batch,
 * repeated once after a short pause when it fails transiently (a killed connection is replaced by
 * the pool). A batch that still fails is split in halves to isolate the records at fault, so that
 * the others are applied:
 *
 * <ul>
 *   <li>rejected as it is ({@link PermanentException}, e.g. a constraint violation): split down to
 *       the single records the destination refuses;
 *   <li>failing transiently ({@link RetriableException}, e.g. a row lock held elsewhere): split
 *       while one half applies; when both halves fail transiently the failure is not the records'
 *       (a locked table, a destination going down) and the whole part is reported failed;
 *   <li>the destination unavailable ({@link UnavailableException}: unreachable, refusing the
 *       connection, out of disk): not split, since no half could apply and each would wait for a
 *       connection again; the whole part is reported failed as unavailable.
 * </ul>
 *
 * Any other failure (configuration, a bug) is thrown: nothing of it is the records' fault.
 */
final class BatchApplier {
  /**
   * A notification taken from the bus with its payload inline.
   *
   * @param delivery where it came from
   * @param notification the notification with its payload (checked out of the claim check)
   */
  record Item(Delivery delivery, SyncNotification notification) {}

  /**
   * A notification whose try failed.
   *
   * @param item the notification
   * @param reason why (no record data)
   * @param transientFailure whether the destination said it may pass (rather than rejecting it)
   * @param unavailable whether the destination took nothing at all ({@link UnavailableException}),
   *     a transient failure no record is to blame for
   */
  record Failure(Item item, String reason, boolean transientFailure, boolean unavailable) {}

  /**
   * The outcome of a try.
   *
   * @param applied the notifications committed
   * @param failures the ones that failed
   */
  record Result(List<Item> applied, List<Failure> failures) {
    boolean anyTransient() {
      return failures.stream().anyMatch(Failure::transientFailure);
    }

    /**
     * Whether nothing applied because the destination was unavailable: an outage, no bad record.
     */
    boolean destinationUnavailable() {
      return applied.isEmpty() && failures.stream().anyMatch(Failure::unavailable);
    }
  }

  private final Destination destination;
  private final RefusedDeletes refusedDeletes;
  private final Duration repeatPause;
  private final BooleanSupplier keepGoing;

  BatchApplier(
      Destination destination,
      RefusedDeletes refusedDeletes,
      Duration repeatPause,
      BooleanSupplier keepGoing) {
    this.destination = destination;
    this.refusedDeletes = refusedDeletes;
    this.repeatPause = repeatPause;
    this.keepGoing = keepGoing;
  }

  /** Tries to apply the items; what failed is in the result, never thrown. */
  Result apply(EntitySchema schema, List<Item> items) {
    List<Item> applied = new ArrayList<>(items.size());
    List<Failure> failures = new ArrayList<>();
    RuntimeException outcome = tryOnce(schema, items);
    if (outcome instanceof RetriableException && pause()) {
      outcome = tryOnce(schema, items);
    }
    isolate(schema, items, outcome, applied, failures);
    return new Result(applied, failures);
  }

  /** Sorts items into applied and failed, given how their last try ended (null: applied). */
  private void isolate(
      EntitySchema schema,
      List<Item> items,
      RuntimeException outcome,
      List<Item> applied,
      List<Failure> failures) {
    if (outcome == null) {
      applied.addAll(items);
      return;
    }
    if (outcome instanceof UnavailableException) {
      String reason = FailureReason.of(outcome);
      items.forEach(item -> failures.add(new Failure(item, reason, true, true)));
      return;
    }
    boolean transientFailure = outcome instanceof RetriableException;
    if (items.size() == 1) {
      failures.add(new Failure(items.get(0), FailureReason.of(outcome), transientFailure, false));
      return;
    }
    List<Item> left = items.subList(0, items.size() / 2);
    List<Item> right = items.subList(items.size() / 2, items.size());
    RuntimeException leftOutcome = tryOnce(schema, left);
    RuntimeException rightOutcome = tryOnce(schema, right);
    if (transientFailure
        && leftOutcome instanceof RetriableException
        && rightOutcome instanceof RetriableException) {
      // a destination going down while the part was split: its halves found it unavailable
      boolean unavailable =
          leftOutcome instanceof UnavailableException
              && rightOutcome instanceof UnavailableException;
      String reason = FailureReason.of(unavailable ? leftOutcome : outcome);
      items.forEach(item -> failures.add(new Failure(item, reason, true, unavailable)));
      return;
    }
    isolate(schema, left, leftOutcome, applied, failures);
    isolate(schema, right, rightOutcome, applied, failures);
  }

  /**
   * One destination transaction.
   *
   * @return null when applied, else the permanent or transient failure
   * @throws RuntimeException any other failure
   */
  private RuntimeException tryOnce(EntitySchema schema, List<Item> items) {
    try {
      refusedDeletes.report(
          schema.logicalName(),
          destination.apply(schema, items.stream().map(Item::notification).toList()));
      return null;
    } catch (PermanentException | RetriableException e) {
      return e;
    }
  }

  /** Waits before the repeat; false when the writer is stopping meanwhile. */
  private boolean pause() {
    long deadline = System.nanoTime() + repeatPause.toNanos();
    while (System.nanoTime() < deadline) {
      if (!keepGoing.getAsBoolean()) {
        return false;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(
          Math.min(deadline - System.nanoTime(), 20_000_000L));
    }
    return true;
  }
}
