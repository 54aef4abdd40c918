package io.dataexport.soak.chaos;

/** When a planned SIGKILL lands, relative to the service's life. */
public enum KillMoment {
  /** 0.3–1.5 s after the service's API first answers: recovery itself is interrupted. */
  AFTER_STARTUP("after start-up"),
  /**
   * At a drawn point (5–90 %) of the running initial syncs or a resync's re-export, 4 s after the
   * previous step at the latest.
   */
  INITIAL_SYNC("aimed at an initial sync"),
  /** 1–5 s after every initial sync has completed: the service is streaming deltas. */
  STREAMING("while streaming");

  private final String description;

  KillMoment(String description) {
    this.description = description;
  }

  @Override
  public String toString() {
    return description;
  }
}
