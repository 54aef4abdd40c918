package io.dataexport.jdbc.dialect.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumericBinaryTest {

  @Test
  void digitsAreBase10000AroundTheDecimalPoint() {
    // 12345.678 = 1|2345 . 6780: weight 1, display scale 3
    assertThat(words("12345.678")).containsExactly(3, 1, 0x0000, 3, 1, 2345, 6780);
  }

  @Test
  void leadingAndTrailingZeroDigitsAreLeftOut() {
    // 0.0000000001 = 0000 . 0000 0000 0100: weight -3, one digit
    assertThat(words("0.0000000001")).containsExactly(1, -3, 0x0000, 10, 100);
    // 10000000000 = 100 0000 0000: weight 2, one digit
    assertThat(words("1E+10")).containsExactly(1, 2, 0x0000, 0, 100);
  }

  @Test
  void negativeValuesCarryTheSignAndZeroHasNoDigits() {
    assertThat(words("-922337203685477.5808"))
        .containsExactly(5, 3, 0x4000, 4, 922, 3372, 368, 5477, 5808);
    assertThat(words("0.00")).containsExactly(0, 0, 0x0000, 2);
    assertThat(words("-0.0")).containsExactly(0, 0, 0x0000, 1);
  }

  @Test
  void theLongPathWritesTheSameWordsAsTheDecimalString() {
    List<BigDecimal> values = new ArrayList<>();
    long[] edges = {0, 1, 9, 10, 9999, 10_000, 10_001, 99_999_999, 100_000_000, (1L << 62) - 1};
    for (long edge : edges) {
      for (int scale = 0; scale <= NumericBinary.MAX_LONG_SCALE; scale++) {
        values.add(BigDecimal.valueOf(edge, scale));
        values.add(BigDecimal.valueOf(-edge, scale));
      }
    }
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 20_000; i++) {
      long unscaled = random.nextLong() >> random.nextInt(2, 64);
      values.add(BigDecimal.valueOf(unscaled, random.nextInt(NumericBinary.MAX_LONG_SCALE + 1)));
    }

    for (BigDecimal value : values) {
      BinaryCopyBuffer viaLong = new BinaryCopyBuffer();
      NumericBinary.write(viaLong, value);
      BinaryCopyBuffer viaString = new BinaryCopyBuffer();
      NumericBinary.writeDigits(viaString, value);
      assertThat(Arrays.copyOf(viaLong.array(), viaLong.size()))
          .as(value.toString())
          .isEqualTo(Arrays.copyOf(viaString.array(), viaString.size()));
    }
  }

  @Test
  void valuesBeyondTheLongPathStillRoundTrip() {
    // 2^62 needs 63 bits; scale 16 is past the long path: both go through the decimal string
    assertThat(words("4611686018427387904"))
        .containsExactly(5, 4, 0x0000, 0, 461, 1686, 184, 2738, 7904);
    assertThat(words("0.0000000000000001")).containsExactly(1, -4, 0x0000, 16, 1);
  }

  /** The 16-bit words after the length: count, weight, sign, scale, digits. */
  private static List<Integer> words(String value) {
    BinaryCopyBuffer buffer = new BinaryCopyBuffer();
    NumericBinary.write(buffer, new BigDecimal(value));
    ByteBuffer bytes = ByteBuffer.wrap(buffer.array(), 0, buffer.size());
    int length = bytes.getInt();
    assertThat(length).isEqualTo(buffer.size() - 4);
    List<Integer> words = new ArrayList<>();
    while (bytes.hasRemaining()) {
      words.add((int) bytes.getShort());
    }
    return words;
  }
}
