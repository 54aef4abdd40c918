package io.dataexport.api.store;

import java.util.NoSuchElementException;

/** No profile has the id given (never created, or deleted). */
public class UnknownProfileException extends NoSuchElementException {
  private final String profileId;

  public UnknownProfileException(String profileId) {
    super("There is no profile with id '" + profileId + "' (it may have been deleted).");
    this.profileId = profileId;
  }

  /** The id asked for. */
  public String profileId() {
    return profileId;
  }
}
