package io.dataexport.codec;

import static io.dataexport.codec.BinaryForm.BIG_DECIMAL;
import static io.dataexport.codec.BinaryForm.DECIMAL;
import static io.dataexport.codec.BinaryForm.FALSE;
import static io.dataexport.codec.BinaryForm.LIST;
import static io.dataexport.codec.BinaryForm.LONG_BIG_ENDIAN;
import static io.dataexport.codec.BinaryForm.LONG_DIGITS;
import static io.dataexport.codec.BinaryForm.MAP;
import static io.dataexport.codec.BinaryForm.MAX_DEPTH;
import static io.dataexport.codec.BinaryForm.NULL;
import static io.dataexport.codec.BinaryForm.SHORT_TEXT;
import static io.dataexport.codec.BinaryForm.STRING;
import static io.dataexport.codec.BinaryForm.TRUE;
import static io.dataexport.codec.BinaryForm.WHOLE;

import io.dataexport.api.notification.SyncNotification;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Writes one notification into a growing array in {@link NotificationCodec}'s form; one per {@link
 * NotificationCodec#encode} call.
 */
final class BinaryEncoder {
  private final SyncNotification context;
  private byte[] buffer;
  private int position;

  BinaryEncoder(int capacity, SyncNotification context) {
    this.buffer = new byte[capacity];
    this.context = context;
  }

  byte[] bytes() {
    return Arrays.copyOf(buffer, position);
  }

  private void ensure(long more) {
    long needed = position + more;
    if (needed > buffer.length) {
      if (needed > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException(
            context.entity()
                + " "
                + context.recordId()
                + " is too large to encode; keep large payloads in the blob store.");
      }
      buffer =
          Arrays.copyOf(
              buffer, (int) Math.min(Math.max(needed, 2L * buffer.length), Integer.MAX_VALUE - 16));
    }
  }

  void writeByte(byte value) {
    ensure(1);
    buffer[position++] = value;
  }

  void writeFixedLong(long value) {
    ensure(Long.BYTES);
    LONG_BIG_ENDIAN.set(buffer, position, value);
    position += Long.BYTES;
  }

  void writeZigZag(long value) {
    writeVarLong((value << 1) ^ (value >> 63));
  }

  void writeVarLong(long value) {
    ensure(10);
    byte[] b = buffer;
    int p = position;
    while ((value & ~0x7FL) != 0) {
      b[p++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    b[p++] = (byte) value;
    position = p;
  }

  /**
   * Writes the byte count, then the bytes. Short text is written optimistic that it is ASCII (a
   * byte per char): the count's room is reserved for that and moved only when the count needs more
   * bytes. Long text is measured first, so that no more room than needed is taken.
   */
  void writeString(String text) {
    int chars = text.length();
    if (chars > SHORT_TEXT) {
      long length = utf8Length(text);
      ensure(5 + length);
      writeVarLong(length);
      position = writeUtf8(text, 0, buffer, position);
      return;
    }
    ensure(5 + 3 * chars);
    byte[] b = buffer;
    int start = position;
    int reserved = varIntSize(chars);
    int p = start + reserved;
    int i = 0;
    while (i < chars) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        break;
      }
      b[p++] = (byte) c;
      i++;
    }
    if (i < chars) {
      p = writeUtf8(text, i, b, p);
    }
    int length = p - start - reserved;
    int needed = varIntSize(length);
    if (needed != reserved) {
      System.arraycopy(b, start + reserved, b, start + needed, length);
      p += needed - reserved;
    }
    for (int at = start; ; at++) {
      if ((length & ~0x7F) == 0) {
        b[at] = (byte) length;
        break;
      }
      b[at] = (byte) ((length & 0x7F) | 0x80);
      length >>>= 7;
    }
    position = p;
  }

  /** The bytes {@link #writeUtf8} writes for the whole text. */
  private static long utf8Length(String text) {
    int chars = text.length();
    long length = chars;
    for (int i = 0; i < chars; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          length += 1;
        } else if (Character.isHighSurrogate(c)
            && i + 1 < chars
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          length += 2; // four bytes for two chars
          i++;
        } else {
          length += 2;
        }
      }
    }
    return length;
  }

  /** UTF-8 from char {@code i} on; a lone surrogate as its three-byte form (WTF-8). */
  private static int writeUtf8(String text, int i, byte[] b, int p) {
    int chars = text.length();
    for (; i < chars; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        b[p++] = (byte) c;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < chars
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int codePoint = Character.toCodePoint(c, text.charAt(++i));
        b[p++] = (byte) (0xF0 | (codePoint >> 18));
        b[p++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
        b[p++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (codePoint & 0x3F));
      } else {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return p;
  }

  private static int varIntSize(int value) {
    return value < (1 << 7)
        ? 1
        : value < (1 << 14) ? 2 : value < (1 << 21) ? 3 : value < (1 << 28) ? 4 : 5;
  }

  void writeMap(Map<?, ?> map, int depth) {
    int size = map.size();
    writeVarLong(size);
    int written = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      writeString(String.valueOf(entry.getKey()));
      writeValue(entry.getValue(), entry.getKey(), depth);
      written++;
    }
    requireCount(size, written);
  }

  private void writeValue(Object value, Object attribute, int depth) {
    switch (value) {
      case null -> writeByte(NULL);
      case String text -> {
        writeByte(STRING);
        writeString(text);
      }
      case Boolean flag -> writeByte(flag ? TRUE : FALSE);
      case Long number -> writeWhole(number);
      case Integer number -> writeWhole(number);
      case Short number -> writeWhole(number);
      case Byte number -> writeWhole(number);
      case BigInteger number -> {
        if (number.bitLength() >= Long.SIZE) {
          throw new IllegalArgumentException(
              unsupported(attribute, "the whole number " + number + ", beyond the range of Long"));
        }
        writeWhole(number.longValue());
      }
      case BigDecimal number -> writeDecimal(number);
      case Double number -> writeDecimal(decimalOf(number, attribute));
      case Float number -> writeDecimal(decimalOf(number.doubleValue(), attribute));
      case UUID id -> {
        writeByte(STRING);
        writeString(id.toString());
      }
      case Instant instant -> {
        writeByte(STRING);
        writeString(instant.toString());
      }
      case LocalDate date -> {
        writeByte(STRING);
        writeString(date.toString());
      }
      case Map<?, ?> map -> {
        writeByte(MAP);
        writeMap(map, nested(depth, attribute));
      }
      case Collection<?> values -> {
        int nestedDepth = nested(depth, attribute);
        writeByte(LIST);
        int size = values.size();
        writeVarLong(size);
        int written = 0;
        for (Object element : values) {
          writeValue(element, attribute, nestedDepth);
          written++;
        }
        requireCount(size, written);
      }
      default ->
          throw new IllegalArgumentException(
              unsupported(attribute, "a " + value.getClass().getName()));
    }
  }

  private void writeWhole(long number) {
    writeByte(WHOLE);
    writeZigZag(number);
  }

  private void writeDecimal(BigDecimal number) {
    int scale = number.scale();
    if (number.precision() <= LONG_DIGITS) {
      writeByte(DECIMAL);
      writeZigZag(scale);
      // the unscaled value, without a BigInteger for it
      writeZigZag(number.scaleByPowerOfTen(scale).longValueExact());
    } else {
      byte[] unscaled = number.unscaledValue().toByteArray();
      writeByte(BIG_DECIMAL);
      writeZigZag(scale);
      writeVarLong(unscaled.length);
      ensure(unscaled.length);
      System.arraycopy(unscaled, 0, buffer, position, unscaled.length);
      position += unscaled.length;
    }
  }

  private int nested(int depth, Object attribute) {
    if (depth >= MAX_DEPTH) {
      throw new IllegalArgumentException(
          unsupported(attribute, "maps or lists nested deeper than " + MAX_DEPTH));
    }
    return depth + 1;
  }

  private void requireCount(int size, int written) {
    if (size != written) {
      throw new IllegalArgumentException(
          "A map or collection in the payload of "
              + context.entity()
              + " "
              + context.recordId()
              + " reported "
              + size
              + " elements but had "
              + written
              + "; was it changed while being encoded?");
    }
  }

  private BigDecimal decimalOf(double number, Object attribute) {
    if (Double.isNaN(number) || Double.isInfinite(number)) {
      throw new IllegalArgumentException(unsupported(attribute, "the double " + number));
    }
    return BigDecimal.valueOf(number);
  }

  private String unsupported(Object attribute, String what) {
    return "Attribute '"
        + attribute
        + "' of "
        + context.entity()
        + " "
        + context.recordId()
        + " holds "
        + what
        + ", which a notification payload cannot carry; use String, Long, BigDecimal, Boolean,"
        + " null or a lookup map.";
  }
}
