package io.dataexport.jdbc.dialect.postgresql;

import java.math.BigDecimal;

/**
 * A {@link BigDecimal} in PostgreSQL's binary {@code numeric} form: digit count, weight, sign and
 * display scale as 16-bit words, then the base-10000 digits, most significant first, without
 * leading or trailing zero digits. The value is exact; the column's type rounds it to its scale as
 * it does any input.
 */
final class NumericBinary {
  private static final int POSITIVE = 0x0000;
  private static final int NEGATIVE = 0x4000;

  private NumericBinary() {}

  /** Writes the field: its length, then the value. */
  static void write(BinaryCopyBuffer out, BigDecimal value) {
    int displayScale = Math.max(value.scale(), 0);
    BigDecimal magnitude = value.scale() < 0 ? value.abs().setScale(0) : value.abs();
    String digits = magnitude.unscaledValue().toString();
    int integerLength = digits.length() - magnitude.scale();
    String integer = integerLength > 0 ? digits.substring(0, integerLength) : "";
    String fraction =
        integerLength > 0 ? digits.substring(integerLength) : "0".repeat(-integerLength) + digits;
    // Pad both sides so that the decimal point falls between two base-10000 digits.
    String alignedInteger = "0".repeat((4 - integer.length() % 4) % 4) + integer;
    String aligned = alignedInteger + fraction + "0".repeat((4 - fraction.length() % 4) % 4);
    int[] groups = new int[aligned.length() / 4];
    for (int i = 0; i < groups.length; i++) {
      groups[i] = Integer.parseInt(aligned, 4 * i, 4 * i + 4, 10);
    }
    int first = 0;
    while (first < groups.length && groups[first] == 0) {
      first++;
    }
    int last = groups.length;
    while (last > first && groups[last - 1] == 0) {
      last--;
    }
    int count = last - first;
    int weight = count == 0 ? 0 : alignedInteger.length() / 4 - 1 - first;
    out.writeInt(8 + 2 * count);
    out.writeShort(count);
    out.writeShort(weight);
    out.writeShort(count == 0 || value.signum() >= 0 ? POSITIVE : NEGATIVE);
    out.writeShort(displayScale);
    for (int i = first; i < last; i++) {
      out.writeShort(groups[i]);
    }
  }
}
