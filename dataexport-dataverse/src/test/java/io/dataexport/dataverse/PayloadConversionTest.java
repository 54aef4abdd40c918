package io.dataexport.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.SourceChange;
import io.dataexport.dataverse.testing.ChangeStream;
import io.dataexport.dataverse.testing.EmulatorSources;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.metadata.AttributeDefinition;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.store.EntityReference;
import io.dataexport.emulator.store.StoredRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Record values reach the payload in the forms a {@code SyncNotification} promises, checked against
 * what the emulator holds for every record and attribute.
 */
class PayloadConversionTest {
  private static DataverseEmulator emulator;
  private static DataverseChangeSource source;

  @BeforeAll
  static void start() {
    emulator = DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(60));
    source = EmulatorSources.open(emulator, DataverseSettings.defaults().withPageSize(40));
  }

  @AfterAll
  static void stop() {
    source.close();
    emulator.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"account", "contact", "lead", "opportunity", "accountleads"})
  void everyValueOfEveryRecordArrivesInItsPayloadForm(String entity) {
    EntityDefinition definition = emulator.store().metadata().entity(entity).orElseThrow();

    for (SourceChange change : readAll(entity)) {
      StoredRecord record = emulator.store().table(entity).get(change.recordId()).orElseThrow();
      Map<String, Object> expected = new HashMap<>();
      for (AttributeDefinition attribute : definition.attributes()) {
        Object value =
            attribute.logicalName().equals("versionnumber")
                ? record.version()
                : record.values()[definition.indexOf(attribute.logicalName())];
        expected.put(attribute.logicalName(), payloadForm(value));
      }
      assertThat(change.version()).isEqualTo(record.version());
      assertThat(change.payload())
          .as("%s %s", entity, change.recordId())
          .containsOnlyKeys(expected.keySet())
          .allSatisfy(
              (name, value) -> {
                Object want = expected.get(name);
                if (want instanceof BinaryDouble d) {
                  assertThat(value).as(name).isInstanceOf(BigDecimal.class);
                  assertThat((BigDecimal) value).as(name).isEqualByComparingTo(d.decimal());
                } else {
                  assertThat(value).as(name).isEqualTo(want);
                }
              });
    }
  }

  @Test
  void customerLookupsNameWhichEntityTheyPointAt() {
    Map<String, Long> targets =
        readAll("contact").stream()
            .map(c -> c.payload().get("parentcustomerid"))
            .filter(v -> v != null)
            .map(v -> (String) ((Map<?, ?>) v).get("logicalName"))
            .collect(Collectors.groupingBy(t -> t, Collectors.counting()));

    assertThat(targets).containsOnlyKeys("account", "contact");
  }

  @Test
  void ownerLookupsAndTheirTypeAgree() {
    for (SourceChange change : readAll("account")) {
      Map<?, ?> owner = (Map<?, ?>) change.payload().get("ownerid");
      assertThat(owner.get("logicalName")).isIn("systemuser", "team");
      assertThat(change.payload().get("owneridtype")).isEqualTo(owner.get("logicalName"));
      assertThat((String) owner.get("id")).isLowerCase();
    }
  }

  @Test
  void moneyKeepsItsExactDecimalsAndScale() {
    List<BigDecimal> revenues =
        readAll("account").stream()
            .map(c -> c.payload().get("revenue"))
            .filter(v -> v != null)
            .map(BigDecimal.class::cast)
            .toList();

    assertThat(revenues).isNotEmpty().allSatisfy(r -> assertThat(r.scale()).isEqualTo(2));
  }

  @Test
  void datesAreIsoTextAndDateOnlyValuesHaveNoTime() {
    SourceChange contact =
        readAll("contact").stream()
            .filter(c -> c.payload().get("birthdate") != null)
            .findFirst()
            .orElseThrow();

    assertThat((String) contact.payload().get("birthdate")).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat((String) contact.payload().get("createdon"))
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
  }

  private static List<SourceChange> readAll(String entity) {
    EntitySchema schema = source.describe(entity);
    return ChangeStream.readUntilCaughtUp(source, schema, ChangeCursor.start()).stream()
        .flatMap(p -> p.changes().stream())
        .toList();
  }

  /** A double, whose decimal text may differ in scale from the JSON's (1.5 vs 1.50). */
  private record BinaryDouble(BigDecimal decimal) {}

  /** A stored value as the payload should carry it; exact, scale included, but for doubles. */
  private static Object payloadForm(Object value) {
    return switch (value) {
      case null -> null;
      case EntityReference r -> Map.of("id", r.id().toString(), "logicalName", r.logicalName());
      case Integer i -> i.longValue();
      case Double d -> new BinaryDouble(BigDecimal.valueOf(d));
      case UUID u -> u.toString();
      case Instant t -> DateTimeFormatter.ISO_INSTANT.format(t);
      case LocalDate d -> d.toString();
      case List<?> options ->
          options.stream().map(String::valueOf).collect(Collectors.joining(","));
      default -> value;
    };
  }
}
