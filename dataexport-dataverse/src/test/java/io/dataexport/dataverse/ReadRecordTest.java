package io.dataexport.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangePage;
import io.dataexport.api.source.SourceChange;
import io.dataexport.dataverse.testing.ChangeStream;
import io.dataexport.dataverse.testing.EmulatorSources;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading one record by id, as the resync of failed records does. */
class ReadRecordTest {
  private static DataverseEmulator emulator;
  private static DataverseChangeSource source;

  @BeforeAll
  static void start() {
    emulator = DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(5));
    source = EmulatorSources.open(emulator, DataverseSettings.defaults());
  }

  @AfterAll
  static void stop() {
    source.close();
    emulator.close();
  }

  @Test
  void aRecordReadByIdEqualsWhatChangeTrackingReadsOfIt() {
    for (String entity : List.of("account", "contact", "accountleads")) {
      EntitySchema schema = source.describe(entity);
      List<ChangePage> pages = ChangeStream.readUntilCaughtUp(source, schema, ChangeCursor.start());
      SourceChange tracked = pages.get(0).changes().get(0);

      Optional<SourceChange> read = source.readRecord(schema, tracked.recordId());

      assertThat(read).as(entity).contains(tracked);
    }
  }

  @Test
  void aRecordTheSourceNoLongerHasReadsAsEmpty() {
    EntitySchema account = source.describe("account");
    UUID id =
        ChangeStream.readUntilCaughtUp(source, account, ChangeCursor.start())
            .get(0)
            .changes()
            .get(1)
            .recordId();
    emulator.store().delete(emulator.store().metadata().entity("account").orElseThrow(), id);

    assertThat(source.readRecord(account, id)).isEmpty();
    assertThat(source.readRecord(account, UUID.randomUUID())).isEmpty();
  }

  @Test
  void aReadRecordIsAnUpsertWithItsCurrentVersion() {
    EntitySchema contact = source.describe("contact");
    SourceChange first =
        ChangeStream.readUntilCaughtUp(source, contact, ChangeCursor.start())
            .get(0)
            .changes()
            .get(0);
    var definition = emulator.store().metadata().entity("contact").orElseThrow();
    emulator
        .store()
        .update(
            definition,
            first.recordId(),
            java.util.Map.of(definition.indexOf("lastname"), "Changed"));

    SourceChange read = source.readRecord(contact, first.recordId()).orElseThrow();

    assertThat(read.operation()).isEqualTo(Operation.UPSERT);
    assertThat(read.version()).isGreaterThan(first.version());
    assertThat(read.payload()).containsEntry("lastname", "Changed");
  }
}
