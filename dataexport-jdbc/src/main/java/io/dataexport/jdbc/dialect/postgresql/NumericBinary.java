package io.dataexport.jdbc.dialect.postgresql;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A {@link BigDecimal} in PostgreSQL's binary {@code numeric} form: digit count, weight, sign and
 * display scale as 16-bit words, then the base-10000 digits, most significant first, without
 * leading or trailing zero digits. The value is exact; the column's type rounds it to its scale as
 * it does any input.
 *
 * <p>Values whose unscaled value fits in 62 bits with a scale of 0 to {@value #MAX_LONG_SCALE}
 * (every money and decimal value Dataverse sends) are split into digits with long arithmetic;
 * others through their decimal string. Both give the same words.
 */
final class NumericBinary {
  private static final int POSITIVE = 0x0000;
  private static final int NEGATIVE = 0x4000;

  /** The largest scale of the long path: the fraction, padded to whole digits, fits in a long. */
  static final int MAX_LONG_SCALE = 15;

  /** The widest unscaled value of the long path: its magnitude fits in a long. */
  private static final int MAX_LONG_BITS = 62;

  /** Base-10000 digits of a 62-bit integer part (19 decimal digits) and a padded fraction. */
  private static final int MAX_LONG_DIGITS = 5 + (MAX_LONG_SCALE + 3) / 4;

  private static final long[] POWERS_OF_TEN = new long[19];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private NumericBinary() {}

  /** Writes the field: its length, then the value. */
  static void write(BinaryCopyBuffer out, BigDecimal value) {
    int scale = value.scale();
    if (scale >= 0 && scale <= MAX_LONG_SCALE) {
      BigInteger unscaled = value.unscaledValue();
      if (unscaled.bitLength() <= MAX_LONG_BITS) {
        writeLong(out, unscaled.longValue(), scale);
        return;
      }
    }
    writeDigits(out, value);
  }

  /** The value {@code unscaled × 10^-scale}: |unscaled| < 2^62, scale 0 to 15. */
  static void writeLong(BinaryCopyBuffer out, long unscaled, int scale) {
    long magnitude = Math.abs(unscaled);
    long integer = magnitude / POWERS_OF_TEN[scale];
    int pad = (4 - scale % 4) % 4;
    // the fraction's digits, padded on the right to a multiple of 4: below 10^18
    long fraction = magnitude % POWERS_OF_TEN[scale] * POWERS_OF_TEN[pad];
    int fractionDigits = (scale + pad) / 4;
    int integerDigits = 0;
    for (long rest = integer; rest > 0; rest /= 10_000) {
      integerDigits++;
    }
    int[] digits = new int[MAX_LONG_DIGITS];
    for (int i = integerDigits - 1; i >= 0; i--) {
      digits[i] = (int) (integer % 10_000);
      integer /= 10_000;
    }
    for (int i = integerDigits + fractionDigits - 1; i >= integerDigits; i--) {
      digits[i] = (int) (fraction % 10_000);
      fraction /= 10_000;
    }
    words(out, digits, integerDigits + fractionDigits, integerDigits, unscaled < 0, scale);
  }

  /** Any value, through its decimal string. */
  static void writeDigits(BinaryCopyBuffer out, BigDecimal value) {
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
    words(
        out, groups, groups.length, alignedInteger.length() / 4, value.signum() < 0, displayScale);
  }

  /**
   * Writes the field from base-10000 digits, most significant first, the first {@code
   * integerDigits} of them before the decimal point; leading and trailing zero digits are left out.
   */
  private static void words(
      BinaryCopyBuffer out,
      int[] digits,
      int length,
      int integerDigits,
      boolean negative,
      int displayScale) {
    int first = 0;
    while (first < length && digits[first] == 0) {
      first++;
    }
    int last = length;
    while (last > first && digits[last - 1] == 0) {
      last--;
    }
    int count = last - first;
    int weight = count == 0 ? 0 : integerDigits - 1 - first;
    out.writeInt(8 + 2 * count);
    out.writeShort(count);
    out.writeShort(weight);
    out.writeShort(count == 0 || !negative ? POSITIVE : NEGATIVE);
    out.writeShort(displayScale);
    for (int i = first; i < last; i++) {
      out.writeShort(digits[i]);
    }
  }
}
