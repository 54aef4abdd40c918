package io.dataexport.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangePage;
import io.dataexport.api.source.SourceChange;
import io.dataexport.dataverse.testing.ChangeStream;
import io.dataexport.dataverse.testing.EmulatorRecords;
import io.dataexport.dataverse.testing.EmulatorSources;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The first full read of an entity: every record exactly once, ending at a delta link. */
class InitialReadTest {
  private static final int RECORDS = 120;
  private static final int PAGE_SIZE = 25;

  private static DataverseEmulator emulator;
  private static DataverseChangeSource source;

  @BeforeAll
  static void start() {
    emulator =
        DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(RECORDS));
    source = EmulatorSources.open(emulator, DataverseSettings.defaults().withPageSize(PAGE_SIZE));
  }

  @AfterAll
  static void stop() {
    source.close();
    emulator.close();
  }

  @Test
  void aPagedInitialReadReturnsEveryRecordExactlyOnceWithItsVersion() {
    EntitySchema account = source.describe("account");

    List<ChangePage> pages = ChangeStream.readUntilCaughtUp(source, account, ChangeCursor.start());

    List<SourceChange> changes = pages.stream().flatMap(p -> p.changes().stream()).toList();
    assertThat(changes).allMatch(c -> c.operation() == Operation.UPSERT);
    assertThat(changes).extracting(SourceChange::recordId).doesNotHaveDuplicates();
    Map<UUID, Long> read = new HashMap<>();
    changes.forEach(c -> read.put(c.recordId(), c.version()));
    assertThat(read).isEqualTo(EmulatorRecords.liveVersions(emulator, "account"));
    assertThat(pages).hasSize((RECORDS + PAGE_SIZE - 1) / PAGE_SIZE);
    assertThat(pages).allSatisfy(p -> assertThat(p.changes()).hasSizeLessThanOrEqualTo(PAGE_SIZE));
  }

  @Test
  void pagesBeforeTheLastGoOnInTheInitialPhaseAndTheLastIsCaughtUpInTheDeltaPhase() {
    EntitySchema contact = source.describe("contact");

    List<ChangePage> pages = ChangeStream.readUntilCaughtUp(source, contact, ChangeCursor.start());

    for (ChangePage page : pages.subList(0, pages.size() - 1)) {
      assertThat(page.caughtUp()).isFalse();
      assertThat(page.next().phase()).isEqualTo(ChangeCursor.Phase.INITIAL);
      assertThat(page.next().link()).contains("$skiptoken=");
    }
    ChangePage last = pages.getLast();
    assertThat(last.caughtUp()).isTrue();
    assertThat(last.next().phase()).isEqualTo(ChangeCursor.Phase.DELTA);
    assertThat(last.next().link()).contains("$deltatoken=");
    long highest =
        pages.stream()
            .flatMap(p -> p.changes().stream())
            .mapToLong(SourceChange::version)
            .max()
            .orElseThrow();
    assertThat(last.next().highWaterVersion()).isGreaterThanOrEqualTo(highest);
  }

  @Test
  void theFirstPageEstimatesTheTotalAndLaterPagesDoNot() {
    EntitySchema lead = source.describe("lead");

    List<ChangePage> pages = ChangeStream.readUntilCaughtUp(source, lead, ChangeCursor.start());

    assertThat(pages.getFirst().estimatedTotal()).isEqualTo(RECORDS);
    assertThat(pages.subList(1, pages.size())).allMatch(p -> p.estimatedTotal() == -1);
  }

  @Test
  void aDeltaRightAfterTheInitialReadIsEmptyAndCaughtUp() {
    EntitySchema opportunity = source.describe("opportunity");
    ChangeCursor delta =
        ChangeStream.last(
            ChangeStream.readUntilCaughtUp(source, opportunity, ChangeCursor.start()));

    ChangePage page = source.read(opportunity, delta);

    assertThat(page.changes()).isEmpty();
    assertThat(page.caughtUp()).isTrue();
    assertThat(page.next().phase()).isEqualTo(ChangeCursor.Phase.DELTA);
    assertThat(page.next().highWaterVersion()).isGreaterThanOrEqualTo(delta.highWaterVersion());
    assertThat(page.estimatedTotal()).isEqualTo(-1);
  }

  @Test
  void theIntersectEntityIsReadLikeAnyOther() {
    EntitySchema accountLeads = source.describe("accountleads");

    List<SourceChange> changes =
        ChangeStream.readUntilCaughtUp(source, accountLeads, ChangeCursor.start()).stream()
            .flatMap(p -> p.changes().stream())
            .toList();

    assertThat(changes).hasSize(RECORDS);
    assertThat(changes.getFirst().payload())
        .containsKeys("accountleadid", "accountid", "leadid", "versionnumber");
    assertThat(changes.getFirst().payload().get("versionnumber"))
        .isEqualTo(changes.getFirst().version());
  }
}
