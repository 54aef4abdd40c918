package io.dataexport.api.profile;

/**
 * Where a profile is in its lifecycle: created, then active and inactive in turn, until deleted.
 */
public enum ProfileState {
  CREATED("created"),
  ACTIVE("active"),
  INACTIVE("inactive");

  private final String wireName;

  ProfileState(String wireName) {
    this.wireName = wireName;
  }

  /** The name the API and CLI use. */
  public String wireName() {
    return wireName;
  }
}
