package io.dataexport.jdbc.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.schema.AttributeSchema;
import io.dataexport.api.schema.AttributeType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AttributeValuesTest {
  private static final UUID ID = UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301");

  @Test
  void wholeNumbersAcceptLongsIntegralDecimalsAndDigitsAsText() {
    assertThat(convert(AttributeType.INTEGER, 42L)).isEqualTo(42);
    assertThat(convert(AttributeType.PICKLIST, new BigDecimal("7.00"))).isEqualTo(7);
    assertThat(convert(AttributeType.STATUS, " 12 ")).isEqualTo(12);
    assertThat(convert(AttributeType.BIGINT, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(convert(AttributeType.BIGINT, "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void wholeNumbersRejectFractionsTextAndOverflow() {
    assertRejected(AttributeType.INTEGER, "many", "expects a whole number, got 'many' (string)");
    assertRejected(AttributeType.INTEGER, new BigDecimal("1.5"), "whole number");
    assertRejected(AttributeType.INTEGER, 2_147_483_648L, "between -2147483648 and 2147483647");
    assertRejected(AttributeType.BIGINT, "9223372036854775808", "64-bit");
    assertRejected(AttributeType.INTEGER, true, "(boolean)");
  }

  @Test
  void decimalsKeepEveryDigitAndTheirScale() {
    assertThat(convert(AttributeType.MONEY, new BigDecimal("1.5000")))
        .isEqualTo(new BigDecimal("1.5000"));
    assertThat(convert(AttributeType.DECIMAL, "123456789012345678901234567890.123456789"))
        .isEqualTo(new BigDecimal("123456789012345678901234567890.123456789"));
    assertThat(convert(AttributeType.DECIMAL, 3L)).isEqualTo(BigDecimal.valueOf(3));
    assertRejected(AttributeType.MONEY, "1,5", "expects a decimal number");
  }

  @Test
  void doublesComeFromAnyNumber() {
    assertThat(convert(AttributeType.DOUBLE, new BigDecimal("47.6062095"))).isEqualTo(47.6062095);
    assertThat(convert(AttributeType.DOUBLE, 2L)).isEqualTo(2.0);
    assertRejected(AttributeType.DOUBLE, "north", "expects a number");
  }

  @Test
  void booleansAcceptTrueFalseAndOneZero() {
    assertThat(convert(AttributeType.BOOLEAN, true)).isEqualTo(true);
    assertThat(convert(AttributeType.BOOLEAN, 0L)).isEqualTo(false);
    assertThat(convert(AttributeType.BOOLEAN, "TRUE")).isEqualTo(true);
    assertRejected(AttributeType.BOOLEAN, 2L, "expects true or false");
  }

  @Test
  void dateTimesAreReadAsUtc() {
    AttributeSchema dateTime = attribute(AttributeType.DATETIME, false, List.of());
    assertThat(AttributeValues.convert(dateTime, "2023-04-07T21:59:01Z"))
        .isEqualTo(Instant.parse("2023-04-07T21:59:01Z"));
    assertThat(AttributeValues.convert(dateTime, "2023-04-07T23:59:01+02:00"))
        .isEqualTo(Instant.parse("2023-04-07T21:59:01Z"));
    assertThat(AttributeValues.convert(dateTime, "2023-04-07T21:59:01"))
        .isEqualTo(Instant.parse("2023-04-07T21:59:01Z"));
    assertThatThrownBy(() -> AttributeValues.convert(dateTime, "yesterday"))
        .hasMessageContaining("ISO-8601");
  }

  @Test
  void dateOnlyValuesAreDates() {
    AttributeSchema date = attribute(AttributeType.DATETIME, true, List.of());
    assertThat(AttributeValues.convert(date, "2023-04-07")).isEqualTo(LocalDate.of(2023, 4, 7));
    assertThat(AttributeValues.convert(date, "2023-04-07T00:00:00Z"))
        .isEqualTo(LocalDate.of(2023, 4, 7));
    assertThatThrownBy(() -> AttributeValues.convert(date, "07.04.2023"))
        .hasMessageContaining("a date such as 2023-04-07");
  }

  @Test
  void guidsAreParsedWhateverTheirCase() {
    assertThat(convert(AttributeType.UNIQUEIDENTIFIER, ID.toString().toUpperCase())).isEqualTo(ID);
    assertThat(convert(AttributeType.UNIQUEIDENTIFIER, "{" + ID + "}")).isEqualTo(ID);
    assertRejected(AttributeType.UNIQUEIDENTIFIER, "1-1-1-1-1", "expects a GUID");
  }

  @Test
  void lookupsCarryTheirTargetEntity() {
    AttributeSchema owner = attribute(AttributeType.OWNER, false, List.of("systemuser", "team"));
    AttributeSchema contact = attribute(AttributeType.LOOKUP, false, List.of("contact"));

    assertThat(AttributeValues.convert(owner, Map.of("id", ID.toString(), "logicalName", "team")))
        .isEqualTo(new LookupValue(ID, "team"));
    assertThat(AttributeValues.convert(contact, ID.toString()))
        .isEqualTo(new LookupValue(ID, "contact"));
    assertThat(AttributeValues.convert(owner, Map.of("id", ID.toString())))
        .isEqualTo(new LookupValue(ID, null));
    assertThatThrownBy(() -> AttributeValues.convert(owner, Map.of("id", "nope")))
        .hasMessageContaining("expects a GUID");
    assertThatThrownBy(() -> AttributeValues.convert(owner, 5L)).hasMessageContaining("lookup");
  }

  @Test
  void multiSelectChoicesAreNormalisedText() {
    assertThat(convert(AttributeType.MULTI_SELECT_PICKLIST, "1, 3")).isEqualTo("1,3");
    assertThat(convert(AttributeType.MULTI_SELECT_PICKLIST, List.of(1L, 3L))).isEqualTo("1,3");
    assertThat(convert(AttributeType.MULTI_SELECT_PICKLIST, "")).isNull();
    assertRejected(AttributeType.MULTI_SELECT_PICKLIST, "1;3", "choice values");
  }

  @Test
  void textTakesTextAndPlainNumbers() {
    assertThat(convert(AttributeType.STRING, "東京 🚀")).isEqualTo("東京 🚀");
    assertThat(convert(AttributeType.MEMO, new BigDecimal("1E+3"))).isEqualTo("1000");
    assertRejected(AttributeType.STRING, Map.of("a", 1), "expects text");
  }

  @Test
  void nullIsNullForEveryType() {
    for (AttributeType type : AttributeType.values()) {
      assertThat(convert(type, null)).as(type.name()).isNull();
    }
  }

  private static Object convert(AttributeType type, Object raw) {
    return AttributeValues.convert(attribute(type, false, List.of()), raw);
  }

  private static void assertRejected(AttributeType type, Object raw, String message) {
    assertThatThrownBy(() -> convert(type, raw))
        .isInstanceOf(ValueRejectedException.class)
        .hasMessageContaining(message);
  }

  private static AttributeSchema attribute(
      AttributeType type, boolean dateOnly, List<String> targets) {
    return new AttributeSchema("a", type, null, null, dateOnly, targets, null);
  }
}
