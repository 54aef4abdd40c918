package io.dataexport.jdbc.write;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Orders a batch for JDBC batching. Statements of one kind run together, so a record's changes must
 * not share a round: round <i>k</i> holds the <i>k</i>-th change of every record, and rounds run
 * one after the other, which keeps each record's changes in list order. Records are independent, so
 * their order within a round does not matter.
 *
 * <p>Consecutive upserts of one record collapse to the one with the highest version (the later on a
 * tie): applying them in turn leaves exactly that one's state, since every upsert is guarded by the
 * same versions. Deletes never collapse, so the delete log sees each one.
 */
final class ChangePlan {
  private ChangePlan() {}

  /** The rounds of a batch; each holds at most one change per record, in first-seen order. */
  static List<List<SyncNotification>> rounds(List<SyncNotification> batch) {
    Map<UUID, List<SyncNotification>> perRecord = new LinkedHashMap<>();
    for (SyncNotification change : batch) {
      List<SyncNotification> changes =
          perRecord.computeIfAbsent(change.recordId(), id -> new ArrayList<>());
      SyncNotification last = changes.isEmpty() ? null : changes.getLast();
      if (last != null
          && last.operation() == Operation.UPSERT
          && change.operation() == Operation.UPSERT) {
        if (change.version() >= last.version()) {
          changes.set(changes.size() - 1, change);
        }
      } else {
        changes.add(change);
      }
    }
    List<List<SyncNotification>> rounds = new ArrayList<>();
    for (List<SyncNotification> changes : perRecord.values()) {
      for (int k = 0; k < changes.size(); k++) {
        if (rounds.size() == k) {
          rounds.add(new ArrayList<>());
        }
        rounds.get(k).add(changes.get(k));
      }
    }
    return rounds;
  }
}
