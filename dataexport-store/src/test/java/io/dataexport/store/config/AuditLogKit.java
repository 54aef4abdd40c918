package io.dataexport.store.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.store.AuditEntry;
import io.dataexport.api.store.AuditLog;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The compatibility kit of {@link AuditLog}: entries kept in order, paged, and aged out. */
abstract class AuditLogKit extends StoreKit {
  private AuditLog audit;

  @BeforeEach
  void open() {
    audit = store.audit();
  }

  @Test
  void entriesComeBackInOrderWithGrowingIdsAndPageByTheLastId() {
    AuditEntry first = audit.record(AuditEntry.of("alice", "profile.create", "p1", "ok", null));
    AuditEntry second =
        audit.record(AuditEntry.of("bob", "profile.delete", "p1", "denied", "role viewer"));
    AuditEntry third = audit.record(AuditEntry.of("system", "uninstall", null, "ok", null));

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(third.id()).isGreaterThan(second.id());
    assertThat(audit.entries(0, 10)).containsExactly(first, second, third);
    assertThat(audit.entries(0, 2)).containsExactly(first, second);
    assertThat(audit.entries(second.id(), 10)).containsExactly(third);
  }

  @Test
  void entriesSurviveAReopen() {
    AuditEntry entry = audit.record(AuditEntry.of("alice", "profile.activate", "p1", "ok", null));
    store.close();
    store = fixture.open();

    assertThat(store.audit().entries(0, 10)).containsExactly(entry);
  }

  @Test
  void oldEntriesAreRemovedByAge() {
    Instant now = Instant.now();
    audit.record(new AuditEntry(0, now.minus(40, ChronoUnit.DAYS), "alice", "a", null, "ok", null));
    AuditEntry recent = audit.record(new AuditEntry(0, now, "alice", "b", null, "ok", null));

    assertThat(audit.deleteBefore(now.minus(30, ChronoUnit.DAYS))).isEqualTo(1);
    assertThat(audit.entries(0, 10)).containsExactly(recent);
  }
}
