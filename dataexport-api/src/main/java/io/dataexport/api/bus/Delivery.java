package io.dataexport.api.bus;

import io.dataexport.api.notification.SyncNotification;

/**
 * A notification handed to a consumer, with its place on the bus.
 *
 * @param notification the notification
 * @param partition the partition it was read from
 * @param offset its offset within the partition
 */
public record Delivery(SyncNotification notification, int partition, long offset) {}
