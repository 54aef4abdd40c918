package io.dataexport.core.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.profile.ExportProfile;
import io.dataexport.api.profile.ProfileState;
import io.dataexport.core.profile.ProfileDocument;
import java.time.Instant;

/**
 * A profile as the API shows it.
 *
 * @param id its id
 * @param profile its configuration
 * @param state where it is in its lifecycle
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record ProfileView(
    String id, ExportProfile profile, ProfileState state, Instant createdAt, Instant updatedAt) {

  /** The JSON document: the profile without secrets, plus id, state and times. */
  public ObjectNode toJson() {
    ObjectNode json = ProfileDocument.render(profile);
    ObjectNode out = json.objectNode();
    out.put("id", id);
    out.put("state", state.wireName());
    out.setAll(json);
    out.put("createdAt", createdAt.toString());
    out.put("updatedAt", updatedAt.toString());
    return out;
  }
}
