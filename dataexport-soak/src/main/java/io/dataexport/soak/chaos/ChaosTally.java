package io.dataexport.soak.chaos;

import java.util.ArrayList;
import java.util.List;

/** What the chaos of a round actually did, and what did not go as planned. */
public final class ChaosTally {
  private int kills;
  private int killsDuringInitialSync;
  private int deactivations;
  private int resyncs;
  private int postgresqlRestarts;
  private final List<String> notes = new ArrayList<>();

  void killed(boolean duringInitialSync) {
    kills++;
    killsDuringInitialSync += duringInitialSync ? 1 : 0;
  }

  void deactivated() {
    deactivations++;
  }

  void resynced() {
    resyncs++;
  }

  void restartedPostgresql() {
    postgresqlRestarts++;
  }

  /** Remembers something that did not go as planned (a refused call, a skipped restart). */
  public void note(String note) {
    notes.add(note);
  }

  public int kills() {
    return kills;
  }

  /** Kills that landed while an initial sync or a re-export ran, as the status said just before. */
  public int killsDuringInitialSync() {
    return killsDuringInitialSync;
  }

  public int deactivations() {
    return deactivations;
  }

  public int resyncs() {
    return resyncs;
  }

  public int postgresqlRestarts() {
    return postgresqlRestarts;
  }

  public List<String> notes() {
    return List.copyOf(notes);
  }
}
