package io.dataexport.core.sync;

import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.store.ConfigStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts an entity's notifications on the profile's bus: oversized payloads through the claim check
 * first, then one durable publish, then the entity's received counter ({@code totalNotifications})
 * moves by as many. Shared by the change readers and the resync of failed records. Thread-safe.
 */
final class NotificationPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationPublisher.class);

  private final String profileId;
  private final NotificationBus bus;
  private final ClaimCheck claimCheck;
  private final ConfigStore store;
  private final LiveMetrics metrics;

  NotificationPublisher(
      String profileId,
      NotificationBus bus,
      ClaimCheck claimCheck,
      ConfigStore store,
      LiveMetrics metrics) {
    this.profileId = profileId;
    this.bus = bus;
    this.claimCheck = claimCheck;
    this.store = store;
    this.metrics = metrics;
  }

  /**
   * Publishes notifications of one entity; durable on return.
   *
   * @param syncTime the sync time they carry, for the lag
   * @throws io.dataexport.api.error.RetriableException when the bus, the blob store or the config
   *     store cannot be written now; nothing the caller must undo (a claim-checked blob of a failed
   *     publish is deleted again)
   */
  void publish(String entity, List<SyncNotification> notifications, Instant syncTime) {
    if (notifications.isEmpty()) {
      return;
    }
    List<SyncNotification> outgoing = new ArrayList<>(notifications.size());
    try {
      for (SyncNotification notification : notifications) {
        outgoing.add(claimCheck.checkIn(notification));
      }
      bus.publish(outgoing);
    } catch (RuntimeException e) {
      releaseQuietly(outgoing, e);
      throw e;
    }
    // after the publish: a count lost to a crash in between is made up by the status, which never
    // shows fewer received than handled (see ProfileStatus)
    store.addCounts(profileId, entity, outgoing.size(), 0, 0, null);
    metrics.published(entity, outgoing.size(), syncTime);
  }

  private void releaseQuietly(List<SyncNotification> checkedIn, RuntimeException failure) {
    for (SyncNotification notification : checkedIn) {
      try {
        claimCheck.release(notification);
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
        LOG.warn(
            "Could not delete the payload blob of an unpublished notification of {}: {}",
            notification.entity(),
            FailureReason.of(e));
      }
    }
  }
}
