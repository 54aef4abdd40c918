package io.dataexport.api.store;

import java.time.Instant;

/**
 * The parked notifications of one entity, for the status.
 *
 * @param entity the entity's logical name
 * @param count how many wait for a try
 * @param oldestSyncTime the earliest sync time among them (the oldest change not applied)
 */
public record ParkedSummary(String entity, long count, Instant oldestSyncTime) {}
