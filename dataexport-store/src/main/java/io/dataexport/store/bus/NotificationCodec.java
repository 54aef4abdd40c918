package io.dataexport.store.bus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns notifications into bytes and back so that every payload value comes back in the form
 * {@link SyncNotification} promises: whole numbers as {@code Long}, decimals as {@code BigDecimal}
 * with their scale, lookups as maps ({@code LinkedHashMap}, keys in their order), collections as
 * lists, text and GUIDs as {@code String}.
 *
 * <p>Values of other Java types that have an obvious form are written in it: {@code Integer} and
 * the other whole-number types (a {@code BigInteger} within the range of {@code Long}) come back as
 * {@code Long}, {@code Double} and {@code Float} as {@code BigDecimal} ({@link
 * BigDecimal#valueOf(double)}), {@code UUID}, {@code Instant} and {@code LocalDate} as ISO text.
 * Anything else (also a {@code BigInteger} beyond {@code Long}, a non-finite double, maps and
 * lists nested deeper than 1000) is refused at publish rather than changed silently. Thread-safe:
 * nothing is shared between calls.
 *
 * <p>Public because the same form serves wherever a notification is stored as bytes: the embedded
 * bus, and the blob store's parked notifications and claim-checked payloads.
 *
 * <p><b>The form</b> is binary, led by a format byte:
 *
 * <pre>
 *   byte     format: 1
 *   string   profileId
 *   string   entity
 *   8+8      recordId: most, then least significant bits, big-endian
 *   byte     operation: 0 upsert, 1 delete
 *   zigzag   version
 *   zigzag   syncTime: seconds since the epoch, then a varint of nanoseconds
 *   map      payload
 *   byte     0, or 1 followed by the string payloadRef
 *
 *   varint   unsigned, 7 bits a byte, least significant first, high bit set on all but the last
 *   zigzag   a signed number as a varint of (n &lt;&lt; 1) ^ (n &gt;&gt; 63)
 *   string   varint count of bytes, then the text in UTF-8; a surrogate without its pair (which
 *            UTF-8 cannot express, and Java strings may hold) takes its own three bytes, as in WTF-8
 *   map      varint count of entries, then per entry a string key and a value
 *   value    a tag byte, then: 0 null, 1 false, 2 true (nothing more); 3 whole number (zigzag);
 *            4 decimal (zigzag scale, zigzag unscaled value); 5 decimal whose unscaled value
 *            exceeds 18 digits (zigzag scale, varint count of bytes, its two's-complement bytes
 *            big-endian); 6 string; 7 map; 8 list (varint count of elements, then the values)
 * </pre>
 *
 * <p>No value takes more bytes than its JSON form would, so a bound on the JSON size of a payload
 * (the claim check skips encoding payloads that are certainly small) also bounds this form.
 *
 * <p>Records written by earlier versions, which stored notifications as JSON objects (first byte
 * {@code '{'}), are still read, so that bus segments, parked notifications and claim-checked
 * payloads survive an upgrade.
 */
public final class NotificationCodec {
  /** The first byte of every notification this version writes; a new form gets a new one. */
  static final byte FORMAT = 1;

  /** Deepest nesting of maps and lists within a payload (the payload itself is depth 1). */
  static final int MAX_DEPTH = 1000;

  private static final byte LEGACY_JSON = '{';

  private static final byte NULL = 0;
  private static final byte FALSE = 1;
  private static final byte TRUE = 2;
  private static final byte WHOLE = 3;
  private static final byte DECIMAL = 4;
  private static final byte BIG_DECIMAL = 5;
  private static final byte STRING = 6;
  private static final byte MAP = 7;
  private static final byte LIST = 8;

  private static final byte OPERATION_UPSERT = 0;
  private static final byte OPERATION_DELETE = 1;

  /** Longer text is measured before it is written rather than given room for 3 bytes a char. */
  private static final int SHORT_TEXT = 4096;

  /** Most presized entries of a map or list read: a bogus count must not allocate much. */
  private static final int MAX_PRESIZE = 4096;

  /** Most digits whose every unscaled value fits a {@code long}. */
  private static final int LONG_DIGITS = 18;

  private static final VarHandle LONG_BIG_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private static final ObjectMapper LEGACY_MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .build();

  /**
   * The notification in the form above.
   *
   * @throws IllegalArgumentException when a payload value has a type a payload cannot carry
   */
  public byte[] encode(SyncNotification notification) {
    Map<String, Object> payload = notification.payload();
    Writer out = new Writer(256 + 64 * payload.size(), notification);
    out.writeByte(FORMAT);
    out.writeString(notification.profileId());
    out.writeString(notification.entity());
    out.writeFixedLong(notification.recordId().getMostSignificantBits());
    out.writeFixedLong(notification.recordId().getLeastSignificantBits());
    out.writeByte(
        switch (notification.operation()) {
          case UPSERT -> OPERATION_UPSERT;
          case DELETE -> OPERATION_DELETE;
        });
    out.writeZigZag(notification.version());
    out.writeZigZag(notification.syncTime().getEpochSecond());
    out.writeVarLong(notification.syncTime().getNano());
    out.writeMap(payload, 1);
    if (notification.payloadRef() == null) {
      out.writeByte((byte) 0);
    } else {
      out.writeByte((byte) 1);
      out.writeString(notification.payloadRef());
    }
    return out.bytes();
  }

  /**
   * A notification {@link #encode} (or an earlier version's JSON form) wrote.
   *
   * @throws IllegalStateException when the bytes are not such a notification: empty, truncated, of
   *     another format, with an unknown tag, invalid text or bytes after the end
   */
  public SyncNotification decode(byte[] bytes) {
    try {
      if (bytes.length > 0 && bytes[0] == LEGACY_JSON) {
        return decodeLegacyJson(bytes);
      }
      return new Reader(bytes).notification();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("A bus record is not a notification: " + e.getMessage(), e);
    }
  }

  private static SyncNotification decodeLegacyJson(byte[] bytes) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> json = LEGACY_MAPPER.readValue(bytes, LinkedHashMap.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = (Map<String, Object>) json.get("payload");
    return new SyncNotification(
        (String) json.get("profileId"),
        (String) json.get("entity"),
        UUID.fromString((String) json.get("recordId")),
        Operation.valueOf((String) json.get("operation")),
        ((Number) json.get("version")).longValue(),
        Instant.parse((String) json.get("syncTime")),
        payload,
        (String) json.get("payloadRef"));
  }

  /** Writes one notification into a growing array; one per {@link #encode} call. */
  private static final class Writer {
    private final SyncNotification context;
    private byte[] buffer;
    private int position;

    Writer(int capacity, SyncNotification context) {
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
                buffer,
                (int) Math.min(Math.max(needed, 2L * buffer.length), Integer.MAX_VALUE - 16));
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
     * byte per char): the count's room is reserved for that and moved only when the count needs
     * more bytes. Long text is measured first, so that no more room than needed is taken.
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
                unsupported(
                    attribute, "the whole number " + number + ", beyond the range of Long"));
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

  /** Reads one notification; one per {@link #decode} call. */
  private static final class Reader {
    private final byte[] bytes;
    private int position;

    Reader(byte[] bytes) {
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
            default ->
                throw new MalformedException("bad payloadRef flag at byte " + (position - 1));
          };
      if (position != bytes.length) {
        throw new MalformedException(
            (bytes.length - position) + " bytes after the end of the notification");
      }
      return new SyncNotification(
          profileId, entity, recordId, operation, version, syncTime, payload, payloadRef);
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
  }

  /** Bytes that are not a notification; {@link #decode} reports it as such. */
  private static final class MalformedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }
}
