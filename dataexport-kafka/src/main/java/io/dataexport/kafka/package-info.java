/**
 * The {@code kafka} notification bus: a topic per profile, records keyed by entity and record id,
 * writers as one consumer group per profile committing only what the destination has committed.
 */
package io.dataexport.kafka;
