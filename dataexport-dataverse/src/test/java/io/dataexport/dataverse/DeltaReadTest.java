package io.dataexport.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangePage;
import io.dataexport.api.source.SourceChange;
import io.dataexport.dataverse.testing.ChangeStream;
import io.dataexport.dataverse.testing.EmulatorSources;
import io.dataexport.dataverse.testing.WebApiWriter;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delta reads after the initial read: creates, updates and deletes, in a usable order. */
class DeltaReadTest {
  private DataverseEmulator emulator;
  private DataverseChangeSource source;
  private WebApiWriter writer;
  private EntitySchema account;
  private ChangeCursor delta;
  private final Map<UUID, Long> initialVersions = new HashMap<>();

  @BeforeEach
  void readEverythingOnce() {
    emulator = DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(30));
    // two rows a page, so the delta's rows and deletions spread over several pages
    source = EmulatorSources.open(emulator, DataverseSettings.defaults().withPageSize(2));
    writer = new WebApiWriter(emulator);
    account = source.describe("account");
    List<ChangePage> pages = ChangeStream.readUntilCaughtUp(source, account, ChangeCursor.start());
    pages.forEach(p -> p.changes().forEach(c -> initialVersions.put(c.recordId(), c.version())));
    delta = ChangeStream.last(pages);
  }

  @AfterEach
  void stop() {
    source.close();
    emulator.close();
  }

  @Test
  void aDeltaReturnsCreatesAndUpdatesThenDeletionsThatWinOverEverythingReadBefore() {
    UUID[] seeded = initialVersions.keySet().toArray(UUID[]::new);
    UUID created = writer.create("accounts", "{\"name\": \"Ødegaard Shipping\"}");
    UUID createdThenDeleted = writer.create("accounts", "{\"name\": \"Short-lived Ltd\"}");
    writer.update("accounts", seeded[0], "{\"name\": \"東京 Trading 🚀\"}");
    writer.delete("accounts", seeded[1]);
    writer.delete("accounts", createdThenDeleted);

    List<ChangePage> pages = ChangeStream.readUntilCaughtUp(source, account, delta);

    List<SourceChange> changes = pages.stream().flatMap(p -> p.changes().stream()).toList();
    assertThat(pages).hasSizeGreaterThan(1);
    assertThat(changes)
        .filteredOn(c -> c.operation() == Operation.UPSERT)
        .extracting(SourceChange::recordId)
        .containsExactlyInAnyOrder(created, seeded[0]);
    assertThat(changes)
        .filteredOn(c -> c.operation() == Operation.DELETE)
        .extracting(SourceChange::recordId)
        .containsExactlyInAnyOrder(seeded[1], createdThenDeleted);
    int firstDeletion = indexOfFirst(changes, Operation.DELETE);
    assertThat(changes.subList(firstDeletion, changes.size()))
        .as("deletions come last")
        .allMatch(c -> c.operation() == Operation.DELETE);
    long highestBefore =
        Math.max(
            delta.highWaterVersion(),
            changes.stream().mapToLong(SourceChange::version).limit(firstDeletion).max().orElse(0));
    assertThat(changes.subList(firstDeletion, changes.size()))
        .allSatisfy(
            d -> {
              assertThat(d.version()).isGreaterThanOrEqualTo(highestBefore);
              assertThat(d.payload()).isEmpty();
            });
    assertThat(pages.getLast().caughtUp()).isTrue();
    assertThat(pages.subList(0, pages.size() - 1)).noneMatch(ChangePage::caughtUp);
    assertThat(pages.subList(0, pages.size() - 1))
        .allMatch(p -> p.next().phase() == ChangeCursor.Phase.DELTA);
  }

  @Test
  void anUpdateCarriesTheNewValuesAndAHigherVersion() {
    UUID id = initialVersions.keySet().iterator().next();
    writer.update("accounts", id, "{\"name\": \"Renamed GmbH\", \"numberofemployees\": 42}");

    List<SourceChange> changes =
        ChangeStream.readUntilCaughtUp(source, account, delta).stream()
            .flatMap(p -> p.changes().stream())
            .toList();

    assertThat(changes).hasSize(1);
    SourceChange update = changes.getFirst();
    assertThat(update.recordId()).isEqualTo(id);
    assertThat(update.operation()).isEqualTo(Operation.UPSERT);
    assertThat(update.version()).isGreaterThan(initialVersions.get(id));
    assertThat(update.payload())
        .containsEntry("name", "Renamed GmbH")
        .containsEntry("numberofemployees", 42L)
        .containsEntry("versionnumber", update.version());
  }

  @Test
  void theCursorAfterADeltaFollowsOnWithNothingRepeated() {
    UUID id = initialVersions.keySet().iterator().next();
    writer.update("accounts", id, "{\"name\": \"Once\"}");
    ChangeCursor after = ChangeStream.last(ChangeStream.readUntilCaughtUp(source, account, delta));

    ChangePage next = source.read(account, after);

    assertThat(next.changes()).isEmpty();
    assertThat(next.caughtUp()).isTrue();
    assertThat(next.next().highWaterVersion()).isGreaterThanOrEqualTo(after.highWaterVersion());
  }

  private static int indexOfFirst(List<SourceChange> changes, Operation operation) {
    for (int i = 0; i < changes.size(); i++) {
      if (changes.get(i).operation() == operation) {
        return i;
      }
    }
    return changes.size();
  }
}
