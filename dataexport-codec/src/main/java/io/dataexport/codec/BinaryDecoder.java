package io.dataexport.codec;

import static io.dataexport.codec.BinaryForm.BIG_DECIMAL;
import static io.dataexport.codec.BinaryForm.DECIMAL;
import static io.dataexport.codec.BinaryForm.FALSE;
import static io.dataexport.codec.BinaryForm.FORMAT;
import static io.dataexport.codec.BinaryForm.LIST;
import static io.dataexport.codec.BinaryForm.LONG_BIG_ENDIAN;
import static io.dataexport.codec.BinaryForm.MAP;
import static io.dataexport.codec.BinaryForm.MAX_DEPTH;
import static io.dataexport.codec.BinaryForm.MAX_PRESIZE;
import static io.dataexport.codec.BinaryForm.NULL;
import static io.dataexport.codec.BinaryForm.OPERATION_DELETE;
import static io.dataexport.codec.BinaryForm.OPERATION_UPSERT;
import static io.dataexport.codec.BinaryForm.STRING;
import static io.dataexport.codec.BinaryForm.TRUE;
import static io.dataexport.codec.BinaryForm.WHOLE;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads one notification of {@link NotificationCodec}'s form; one per {@link
 * NotificationCodec#decode} call.
 */
final class BinaryDecoder {
  private final byte[] bytes;
  private int position;

  BinaryDecoder(byte[] bytes) {
    this.bytes = bytes;
  }

  SyncNotification notification() {
    byte format = readByte();
    if (format != FORMAT) {
      throw new MalformedException(
          "it starts with format byte " + (format & 0xFF) + ", this version reads " + FORMAT);
    }
    String profileId = readString();
    String entity = readString();
    UUID recordId = new UUID(readFixedLong(), readFixedLong());
    Operation operation =
        switch (readByte()) {
          case OPERATION_UPSERT -> Operation.UPSERT;
          case OPERATION_DELETE -> Operation.DELETE;
          default -> throw new MalformedException("unknown operation at byte " + (position - 1));
        };
    long version = readZigZag();
    long seconds = readZigZag();
    long nanos = readVarLong();
    if (nanos < 0 || nanos > 999_999_999L) {
      throw new MalformedException("nanoseconds " + nanos + " out of range");
    }
    Instant syncTime = Instant.ofEpochSecond(seconds, nanos);
    Map<String, Object> payload = readMap(1);
    String payloadRef =
        switch (readByte()) {
          case 0 -> null;
          case 1 -> readString();
          default -> throw new MalformedException("bad payloadRef flag at byte " + (position - 1));
        };
    if (position != bytes.length) {
      throw new MalformedException(
          (bytes.length - position) + " bytes after the end of the notification");
    }
    return new SyncNotification(
        profileId, entity, recordId, operation, version, syncTime, payload, payloadRef);
  }

  /**
   * Only the notification's payload reference, or null when it has none. A notification with its
   * payload inline (a non-empty map) never has one, so its payload is not decoded.
   */
  String payloadRef() {
    byte format = readByte();
    if (format != FORMAT) {
      throw new MalformedException(
          "it starts with format byte " + (format & 0xFF) + ", this version reads " + FORMAT);
    }
    skipString(); // profileId
    skipString(); // entity
    readFixedLong(); // recordId
    readFixedLong();
    readByte(); // operation
    readVarLong(); // version
    readVarLong(); // syncTime
    readVarLong();
    if (readCount() > 0) {
      return null;
    }
    return switch (readByte()) {
      case 0 -> null;
      case 1 -> readString();
      default -> throw new MalformedException("bad payloadRef flag at byte " + (position - 1));
    };
  }

  private void skipString() {
    int length = readCount();
    position += length;
  }

  private byte readByte() {
    if (position >= bytes.length) {
      throw truncated();
    }
    return bytes[position++];
  }

  private long readFixedLong() {
    if (bytes.length - position < Long.BYTES) {
      throw truncated();
    }
    long value = (long) LONG_BIG_ENDIAN.get(bytes, position);
    position += Long.BYTES;
    return value;
  }

  private long readVarLong() {
    long value = 0;
    for (int shift = 0; shift < Long.SIZE; shift += 7) {
      byte b = readByte();
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new MalformedException("a number longer than 10 bytes at byte " + position);
  }

  private long readZigZag() {
    long value = readVarLong();
    return (value >>> 1) ^ -(value & 1);
  }

  private int readScale() {
    long scale = readZigZag();
    if (scale != (int) scale) {
      throw new MalformedException("a decimal scale of " + scale + " at byte " + position);
    }
    return (int) scale;
  }

  /** A count of items that each take at least one of the bytes left: bounds any allocation. */
  private int readCount() {
    long count = readVarLong();
    if (count < 0 || count > bytes.length - position) {
      throw new MalformedException(
          "a count of " + count + " at byte " + position + " exceeds the bytes left");
    }
    return (int) count;
  }

  private String readString() {
    int length = readCount();
    int start = position;
    String text = new String(bytes, start, length, StandardCharsets.UTF_8);
    // The JDK decoder replaces what is not UTF-8, surrogates included, with U+FFFD; only then
    // (or for a real U+FFFD) decode strictly, keeping lone surrogates and refusing the rest.
    // Text of only Latin-1 chars cannot hold U+FFFD, which indexOf knows at once.
    if (text.indexOf('\uFFFD') >= 0) {
      text = strictString(start, length);
    }
    position = start + length;
    return text;
  }

  private String strictString(int start, int length) {
    char[] chars = new char[length];
    int count = 0;
    int end = start + length;
    int p = start;
    while (p < end) {
      int b0 = bytes[p] & 0xFF;
      if (b0 < 0x80) {
        chars[count++] = (char) b0;
        p++;
      } else if (b0 >= 0xC2 && b0 < 0xE0 && p + 1 < end) {
        chars[count++] = (char) (((b0 & 0x1F) << 6) | continuation(p + 1));
        p += 2;
      } else if (b0 >= 0xE0 && b0 < 0xF0 && p + 2 < end) {
        int c = ((b0 & 0x0F) << 12) | (continuation(p + 1) << 6) | continuation(p + 2);
        if (c < 0x800) {
          throw invalidText(p);
        }
        chars[count++] = (char) c;
        p += 3;
      } else if (b0 >= 0xF0 && b0 < 0xF5 && p + 3 < end) {
        int c =
            ((b0 & 0x07) << 18)
                | (continuation(p + 1) << 12)
                | (continuation(p + 2) << 6)
                | continuation(p + 3);
        if (c < 0x10000 || c > Character.MAX_CODE_POINT) {
          throw invalidText(p);
        }
        chars[count++] = Character.highSurrogate(c);
        chars[count++] = Character.lowSurrogate(c);
        p += 4;
      } else {
        throw invalidText(p);
      }
    }
    return new String(chars, 0, count);
  }

  private int continuation(int p) {
    int b = bytes[p] & 0xFF;
    if ((b & 0xC0) != 0x80) {
      throw invalidText(p);
    }
    return b & 0x3F;
  }

  private Map<String, Object> readMap(int depth) {
    int size = readCount();
    Map<String, Object> map = LinkedHashMap.newLinkedHashMap(Math.min(size, MAX_PRESIZE));
    for (int i = 0; i < size; i++) {
      String key = readString();
      map.put(key, readValue(depth));
    }
    return map;
  }

  private Object readValue(int depth) {
    int at = position;
    byte tag = readByte();
    return switch (tag) {
      case NULL -> null;
      case FALSE -> Boolean.FALSE;
      case TRUE -> Boolean.TRUE;
      case WHOLE -> readZigZag();
      case DECIMAL -> {
        int scale = readScale();
        yield BigDecimal.valueOf(readZigZag(), scale);
      }
      case BIG_DECIMAL -> {
        int scale = readScale();
        int length = readCount();
        BigInteger unscaled = new BigInteger(bytes, position, length);
        position += length;
        yield new BigDecimal(unscaled, scale);
      }
      case STRING -> readString();
      case MAP -> readMap(nested(depth, at));
      case LIST -> {
        int nestedDepth = nested(depth, at);
        int size = readCount();
        List<Object> list = new ArrayList<>(Math.min(size, MAX_PRESIZE));
        for (int i = 0; i < size; i++) {
          list.add(readValue(nestedDepth));
        }
        yield list;
      }
      default -> throw new MalformedException("unknown value tag " + tag + " at byte " + at);
    };
  }

  private static int nested(int depth, int at) {
    if (depth >= MAX_DEPTH) {
      throw new MalformedException("nesting deeper than " + MAX_DEPTH + " at byte " + at);
    }
    return depth + 1;
  }

  private MalformedException truncated() {
    return new MalformedException("it ends early, after " + bytes.length + " bytes");
  }

  private MalformedException invalidText(int p) {
    return new MalformedException("invalid UTF-8 at byte " + p);
  }

  /** Bytes that are not a notification; {@link #decode} reports it as such. */
  static final class MalformedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }
}
