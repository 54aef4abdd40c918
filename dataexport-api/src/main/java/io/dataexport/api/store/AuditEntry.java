package io.dataexport.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log: who did what, to what, and how it ended. Never holds a secret or
 * record data.
 *
 * @param id the store's number for the entry, growing with each entry; 0 before it is stored
 * @param at when it happened
 * @param actor who did it (a user, an API key's name, or {@code system})
 * @param action what was done, e.g. {@code profile.activate}
 * @param target what it was done to (a profile id), or null
 * @param outcome how it ended, e.g. {@code ok}, {@code denied}, {@code failed}
 * @param detail a short explanation, or null
 */
public record AuditEntry(
    long id,
    Instant at,
    String actor,
    String action,
    String target,
    String outcome,
    String detail) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** An entry to record now (the store gives it its id). */
  public static AuditEntry of(
      String actor, String action, String target, String outcome, String detail) {
    return new AuditEntry(0, Instant.now(), actor, action, target, outcome, detail);
  }
}
