package io.dataexport.api.store;

import io.dataexport.api.profile.ProfileState;
import java.time.Instant;

/**
 * An export profile as the config store keeps it. The document holds secrets in plain text once
 * decrypted: never log it or return it as it is.
 *
 * @param id the profile id (a UUID)
 * @param name the unique name
 * @param documentJson the profile document as submitted (JSON), decrypted
 * @param state where the profile is in its lifecycle
 * @param createdAt when it was created (microsecond precision)
 * @param updatedAt when its document, name or state last changed
 */
public record StoredProfile(
    String id,
    String name,
    String documentJson,
    ProfileState state,
    Instant createdAt,
    Instant updatedAt) {

  /** Leaves the document out: it holds secrets. */
  @Override
  public String toString() {
    return "StoredProfile[id=" + id + ", name=" + name + ", state=" + state + "]";
  }
}
