package io.dataexport.emulator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.metadata.OrganisationMetadata;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SampleDataTest {
  private final OrganisationMetadata metadata = SampleOrganisation.metadata();
  private final EntityDefinition account = metadata.entity("account").orElseThrow();

  @Test
  void theSameSeedGivesTheSameRecords() {
    SampleData one = new SampleData(metadata, 5, 100);
    SampleData two = new SampleData(metadata, 5, 100);

    for (long i = 0; i < 100; i++) {
      assertThat(one.seedRow(account, i)).isEqualTo(two.seedRow(account, i));
    }
    assertThat(new SampleData(metadata, 6, 100).seedRow(account, 0))
        .isNotEqualTo(one.seedRow(account, 0));
  }

  @Test
  void aSeededIdLeadsBackToItsRecord() {
    SampleData data = new SampleData(metadata, 9, 3_000_000);

    for (long index : new long[] {0, 1, 77, 2_999_999}) {
      UUID id = data.seedId("account", index);
      assertThat(data.seedIndexOf("account", id)).isEqualTo(index);
      assertThat(data.seedRow(account, index)[account.primaryIdIndex()]).isEqualTo(id);
      assertThat(data.seedIndexOf("contact", id)).isEqualTo(-1);
    }
    assertThat(data.seedIndexOf("account", UUID.randomUUID())).isEqualTo(-1);
    assertThat(data.seedIndexOf("account", data.seedId("account", 3_000_000))).isEqualTo(-1);
  }

  @Test
  void referenceEntitiesStaySmallWhileMainEntitiesTakeTheRequestedSize() {
    SampleData data = new SampleData(metadata, 1, 5_000_000);

    assertThat(data.seedCount("account")).isEqualTo(5_000_000);
    assertThat(data.seedCount("accountleads")).isEqualTo(5_000_000);
    assertThat(data.seedCount("systemuser")).isEqualTo(50);
    assertThat(data.seedCount("transactioncurrency")).isEqualTo(5);
  }

  @Test
  void recordsRespectTheirAttributeDefinitions() {
    SampleData data = new SampleData(metadata, 3, 500);

    for (EntityDefinition entity : metadata.entities()) {
      for (long i = 0; i < data.seedCount(entity.logicalName()); i++) {
        Object[] row = data.seedRow(entity, i);
        for (int a = 0; a < row.length; a++) {
          var attribute = entity.attributes().get(a);
          if (row[a] instanceof String text && attribute.maxLength() != null) {
            assertThat(text.length())
                .as(entity + "." + attribute.logicalName())
                .isLessThanOrEqualTo(attribute.maxLength());
          }
          if (row[a] instanceof Integer value && attribute.optionSet() != null) {
            assertThat(attribute.optionSet().option(value))
                .as(entity + "." + attribute.logicalName())
                .isPresent();
          }
        }
      }
    }
  }
}
