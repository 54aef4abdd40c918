package io.dataexport.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Work that one node at a time may do, held until {@link #expiresAt()} unless renewed.
 *
 * @param name what the lease is for, e.g. {@code reader/<profile id>/<entity>}
 * @param holder the node holding it
 * @param token the fencing token: grows each time another holder takes the lease, so a former
 *     holder's late writes can be refused by comparing tokens
 * @param expiresAt when it lapses unless renewed (by the store's clock)
 */
public record Lease(String name, String holder, long token, Instant expiresAt) {
  public Lease {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
