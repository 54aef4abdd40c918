package io.dataexport.api.store;

import io.dataexport.api.error.DataExportException;

/**
 * An operation on an entity's sync state found none: the profile exists but its reader never saved
 * anything for the entity (never activated, or the entity is not exported).
 */
public final class NoEntityStateException extends DataExportException {
  private final String profileId;
  private final String entity;

  public NoEntityStateException(String profileId, String entity, String action) {
    super(
        "Entity '"
            + entity
            + "' of profile '"
            + profileId
            + "' has no sync state yet, so "
            + action
            + " is not possible: activate the profile (with the entity in it) first.",
        null);
    this.profileId = profileId;
    this.entity = entity;
  }

  public String profileId() {
    return profileId;
  }

  public String entity() {
    return entity;
  }
}
