package io.dataexport.api.store;

/** How far the initial full export of an entity has come, as the status API reports it. */
public enum InitialSyncState {
  NOT_STARTED("notStarted"),
  IN_PROGRESS("inProgress"),
  COMPLETED("completed"),
  /** Every record was read, but some could not be written and are in the failure log. */
  COMPLETED_WITH_FAILURES("completedWithFailures");

  private final String wireName;

  InitialSyncState(String wireName) {
    this.wireName = wireName;
  }

  /** The name the API and the store use. */
  public String wireName() {
    return wireName;
  }

  /**
   * The state with this wire name.
   *
   * @throws IllegalArgumentException when there is none
   */
  public static InitialSyncState fromWireName(String wireName) {
    for (InitialSyncState state : values()) {
      if (state.wireName.equals(wireName)) {
        return state;
      }
    }
    throw new IllegalArgumentException(
        "'"
            + wireName
            + "' is not an initial sync state; expected notStarted, inProgress, completed or"
            + " completedWithFailures.");
  }
}
