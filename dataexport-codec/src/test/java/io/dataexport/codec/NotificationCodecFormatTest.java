package io.dataexport.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The binary form of {@link NotificationCodec}: values, refusals, damage and size. */
class NotificationCodecFormatTest {
  private static final UUID RECORD = UUID.fromString("00000000-0000-0001-0000-000000000002");
  private static final Instant SYNC_TIME = Instant.parse("2025-01-02T03:04:05.123456789Z");

  private final NotificationCodec codec = new NotificationCodec();

  @Test
  void everyValueKindComesBackInThePromisedForm() {
    Map<String, Object> lookup = new LinkedHashMap<>();
    lookup.put("id", "5a6f0c1e-0000-0000-0000-000000000001");
    lookup.put("logicalName", "contact");
    lookup.put("name", "Zoë Smith");
    Map<String, Object> payload = new LinkedHashMap<>();
    Map<String, Object> expected = new LinkedHashMap<>();
    both(payload, expected, "text", "Contoso", "Contoso");
    both(payload, expected, "empty", "", "");
    both(payload, expected, "long", 42L, 42L);
    both(payload, expected, "int", 7, 7L);
    both(payload, expected, "short", (short) -3, -3L);
    both(payload, expected, "byte", (byte) 5, 5L);
    both(payload, expected, "bigInteger", BigInteger.valueOf(Long.MIN_VALUE), Long.MIN_VALUE);
    both(payload, expected, "money", new BigDecimal("12.3400"), new BigDecimal("12.3400"));
    both(payload, expected, "double", 0.1, BigDecimal.valueOf(0.1));
    both(payload, expected, "wholeDouble", 5.0, new BigDecimal("5.0"));
    both(payload, expected, "float", 0.1f, BigDecimal.valueOf((double) 0.1f));
    both(payload, expected, "guid", RECORD, RECORD.toString());
    both(payload, expected, "instant", SYNC_TIME, "2025-01-02T03:04:05.123456789Z");
    both(payload, expected, "date", LocalDate.of(2024, 2, 29), "2024-02-29");
    both(payload, expected, "yes", true, true);
    both(payload, expected, "no", false, false);
    both(payload, expected, "missing", null, null);
    both(payload, expected, "lookup", lookup, lookup);
    both(payload, expected, "nested", Map.of("inner", lookup), Map.of("inner", lookup));
    both(payload, expected, "emptyMap", Map.of(), Map.of());
    both(payload, expected, "list", List.of(1, "x", true), List.of(1L, "x", true));
    both(
        payload,
        expected,
        "set",
        new LinkedHashSet<>(List.of(new BigDecimal("1.50"), 2L)),
        List.of(new BigDecimal("1.50"), 2L));
    both(payload, expected, "emptyList", List.of(), List.of());
    both(payload, expected, "listOfMaps", List.of(lookup, Map.of()), List.of(lookup, Map.of()));

    Map<String, Object> back = roundTrip(payload).payload();

    assertThat(back).isEqualTo(expected); // Long, BigDecimal (scale included) compare strictly
    assertThat(back.keySet()).containsExactlyElementsOf(expected.keySet());
    assertThat(back.get("lookup")).isInstanceOf(LinkedHashMap.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> backLookup = (Map<String, Object>) back.get("lookup");
    assertThat(backLookup.keySet()).containsExactly("id", "logicalName", "name");
    assertThat(back.get("list")).isInstanceOf(List.class);
  }

  @Test
  void mapKeysAreTextAndKeepTheirOrder() {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put(3, "three");
    map.put("b", "bee");
    map.put(null, "none");
    map.put("a", "ay");
    map.put("3", "again"); // the same key as text: the later value, in the first place

    Object back = roundTrip(Map.of("map", map)).payload().get("map");

    assertThat(back).isInstanceOf(LinkedHashMap.class);
    assertThat(List.<Object>copyOf(((Map<?, ?>) back).keySet()))
        .containsExactly("3", "b", "null", "a");
    assertThat(((Map<?, ?>) back).get("3")).isEqualTo("again");
  }

  @Test
  void wholeNumbersKeepTheirValueAtEveryMagnitude() {
    long[] numbers = {
      0,
      1,
      -1,
      63,
      64,
      -64,
      -65,
      127,
      128,
      8191,
      8192,
      Integer.MAX_VALUE,
      Integer.MIN_VALUE,
      1L << 56,
      -(1L << 56),
      Long.MAX_VALUE,
      Long.MIN_VALUE,
      Long.MAX_VALUE - 1,
      Long.MIN_VALUE + 1
    };
    for (long number : numbers) {
      assertThat(roundTrip(Map.of("n", number)).payload().get("n")).isEqualTo(number);
    }
  }

  @Test
  void decimalsKeepValueAndScale() {
    String[] decimals = {
      "0",
      "5",
      "-5",
      "0E-10",
      "0E+5",
      "1E+3",
      "-1.23E+10",
      "12.3400",
      "-0.000000123",
      "999999999999999999",
      "-999999999999999999",
      "9999999999999999999",
      "9.223372036854775807",
      "9223372036854775808",
      "-9223372036854775809",
      "123456789012345678901234567890.0123456789",
      "-1E-2147483647",
      "1E+2147483647",
      "1E+2147483648",
      "0.0000000000000000000000000000001"
    };
    for (String text : decimals) {
      BigDecimal decimal = new BigDecimal(text);

      Object back = roundTrip(Map.of("d", decimal)).payload().get("d");

      assertThat(back).as(text).isInstanceOf(BigDecimal.class).isEqualTo(decimal);
      assertThat(((BigDecimal) back).scale()).as(text).isEqualTo(decimal.scale());
    }
    assertThat(roundTrip(Map.of("d", -0.0)).payload().get("d")).isEqualTo(new BigDecimal("0.0"));
    assertThat(roundTrip(Map.of("d", 1e300)).payload().get("d"))
        .isEqualTo(BigDecimal.valueOf(1e300));
    assertThat(roundTrip(Map.of("d", Double.MIN_VALUE)).payload().get("d"))
        .isEqualTo(BigDecimal.valueOf(Double.MIN_VALUE));
  }

  @Test
  void textComesBackCharForChar() {
    List<String> texts = new ArrayList<>();
    texts.addAll(
        List.of(
            "",
            "plain",
            "Zoë Ünïcødé",
            "東京 Ελληνικά العربية",
            "🚀 rocket, 𝄞 clef",
            "\"quoted\" \\ \n \t \u0000 \u001f \u007f",
            "\uFFFD a real replacement char",
            "\uFEFF\uFFFF\uE000",
            "lone high \uD83D end",
            "lone low \uDE80 end",
            "\uDE80\uD83D reversed pair",
            "\uD83D",
            "\uDC00",
            "ends high \uD83D",
            "\uD83D\uD83D\uDE80 high then pair"));
    for (int length : new int[] {127, 128, 129, 4095, 4096, 4097, 16383, 16384, 16385}) {
      texts.add("a".repeat(length));
      texts.add("é".repeat(length)); // two bytes a char: the count's size differs from ASCII's
      texts.add("€".repeat(length / 3 + 1));
      texts.add("🚀".repeat(length / 4 + 1));
    }
    texts.add("x".repeat(1_000_000));
    texts.add("Zoë 🚀 \uD800 東京 ".repeat(100_000));
    for (String text : texts) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put(text, text); // keys are text too
      payload.put("list", List.of(text));

      SyncNotification back =
          codec.decode(codec.encode(notification(text, text, Operation.UPSERT, payload, null)));

      assertThat(back.profileId()).isEqualTo(text);
      assertThat(back.entity()).isEqualTo(text);
      assertThat(back.payload()).isEqualTo(payload);
    }
  }

  @Test
  void everyOperationWithAndWithoutPayloadRefSurvives() {
    for (Operation operation : Operation.values()) {
      SyncNotification inline =
          notification("p1", "account", operation, Map.of("name", "Contoso"), null);
      SyncNotification deleted = notification("p1", "account", operation, Map.of(), null);
      SyncNotification referenced = inline.withPayloadRef("p1/payload/account/x-5-y é");

      for (SyncNotification notification : List.of(inline, deleted, referenced)) {
        SyncNotification back = codec.decode(codec.encode(notification));
        assertThat(back).isEqualTo(notification);
        assertThat(back.payloadRef()).isEqualTo(notification.payloadRef());
        assertThat(back.operation()).isEqualTo(operation);
      }
    }
  }

  @Test
  void theEnvelopeKeepsExtremeVersionsAndTimes() {
    long[] versions = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE};
    Instant[] times = {
      Instant.EPOCH, Instant.MIN, Instant.MAX, SYNC_TIME, Instant.ofEpochSecond(-1, 1)
    };
    for (long version : versions) {
      for (Instant time : times) {
        SyncNotification notification =
            new SyncNotification(
                "p", "e", new UUID(-1, Long.MIN_VALUE), Operation.DELETE, version, time, Map.of());
        assertThat(codec.decode(codec.encode(notification))).isEqualTo(notification);
      }
    }
  }

  @Test
  void valuesAPayloadCannotCarryAreRefusedAtEncode() {
    Map<String, Object> selfReferencing = new LinkedHashMap<>();
    selfReferencing.put("me", selfReferencing);
    List<Object> refused =
        List.of(
            'c',
            new int[] {1},
            new AtomicLong(3),
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            new BigInteger("9223372036854775808"),
            new BigInteger("-9223372036854775809"),
            nested(BinaryForm.MAX_DEPTH + 1),
            selfReferencing,
            List.of(Map.of("deep", new Object())));
    for (Object value : refused) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("attribute", value);
      SyncNotification notification = notification("p", "account", Operation.UPSERT, payload, null);

      assertThatThrownBy(() -> codec.encode(notification))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Attribute '");
    }
    // as deep as allowed is fine
    Map<String, Object> deepest = Map.of("attribute", nested(BinaryForm.MAX_DEPTH));
    assertThat(roundTrip(deepest).payload()).isEqualTo(deepest);
  }

  @Test
  void aCollectionThatMisreportsItsSizeIsRefused() {
    Collection<Object> lying =
        new java.util.AbstractCollection<>() {
          @Override
          public java.util.Iterator<Object> iterator() {
            return List.<Object>of(1L, 2L).iterator();
          }

          @Override
          public int size() {
            return 3;
          }
        };
    SyncNotification notification =
        notification("p", "account", Operation.UPSERT, Map.of("lying", lying), null);

    assertThatThrownBy(() -> codec.encode(notification))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRecordCutShortAnywhereIsRefused() {
    byte[] record = codec.encode(sample());

    for (int length = 0; length < record.length; length++) {
      byte[] truncated = Arrays.copyOf(record, length);
      assertThatThrownBy(() -> codec.decode(truncated))
          .as("cut to %d of %d bytes", length, record.length)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("A bus record is not a notification");
    }
  }

  @Test
  void bytesAfterTheEndAreRefused() {
    byte[] record = codec.encode(sample());
    for (byte extra : new byte[] {0, 1, (byte) 0xFF}) {
      byte[] longer = Arrays.copyOf(record, record.length + 1);
      longer[record.length] = extra;

      assertThatThrownBy(() -> codec.decode(longer))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("after the end");
    }
  }

  @Test
  void anotherFormatByteIsRefused() {
    byte[] record = codec.encode(sample());
    assertThat(record[0]).isEqualTo(BinaryForm.FORMAT);
    for (byte format : new byte[] {0, 2, 0x7F, (byte) 0x80, (byte) 0xFF}) {
      record[0] = format;

      assertThatThrownBy(() -> codec.decode(record))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("format byte");
    }
    assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void unknownTagsOperationsAndFlagsAreRefused() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("a", null);
    byte[] record = codec.encode(notification("p", "e", Operation.UPSERT, payload, null));
    // ..., count 1, key length 1, 'a', tag NULL, payloadRef flag 0
    assertThat(record[record.length - 2]).isEqualTo((byte) 0);
    assertThat(record[record.length - 3]).isEqualTo((byte) 'a');
    int operationAt = 1 + 2 + 2 + 16;

    assertThatThrownBy(() -> codec.decode(with(record, record.length - 2, 99)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unknown value tag 99");
    assertThatThrownBy(() -> codec.decode(with(record, operationAt, 2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unknown operation");
    assertThatThrownBy(() -> codec.decode(with(record, record.length - 1, 2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("payloadRef");
  }

  @Test
  void hugeBogusLengthsAreRefusedWithoutAllocating() {
    byte[] record = codec.encode(notification("p", "e", Operation.UPSERT, Map.of(), null));
    byte[] huge = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
    byte[] tooLong = {
      (byte) 0xFF,
      (byte) 0xFF,
      (byte) 0xFF,
      (byte) 0xFF,
      (byte) 0xFF,
      (byte) 0xFF,
      (byte) 0xFF,
      (byte) 0xFF,
      (byte) 0xFF,
      (byte) 0xFF,
      0x01
    };
    int profileLengthAt = 1;
    int payloadCountAt = record.length - 2;

    for (byte[] bogus : List.of(huge, tooLong)) {
      for (int at : new int[] {profileLengthAt, payloadCountAt}) {
        byte[] damaged = splice(record, at, bogus);
        assertThatThrownBy(() -> codec.decode(damaged)).isInstanceOf(IllegalStateException.class);
      }
    }
    // a list claiming two billion elements in a short record
    byte[] list =
        codec.encode(notification("p", "e", Operation.UPSERT, Map.of("l", List.of()), null));
    int listCountAt = list.length - 2;
    assertThatThrownBy(() -> codec.decode(splice(list, listCountAt, huge)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exceeds the bytes left");
  }

  @Test
  void invalidUtf8IsRefused() {
    byte[] record =
        codec.encode(notification("p", "e", Operation.UPSERT, Map.of("k", "xyz"), null));
    int textAt = record.length - 4; // "xyz", then the payloadRef flag
    byte[][] invalid = {
      {(byte) 0xFF, 'y', 'z'},
      {(byte) 0x80, 'y', 'z'},
      {(byte) 0xC0, (byte) 0x80, 'z'}, // overlong NUL
      {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, // overlong
      {'x', 'y', (byte) 0xE2}, // cut inside a char
      {'x', (byte) 0xC3, 'z'},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80}, // beyond U+10FFFF, and cut
    };
    for (byte[] text : invalid) {
      byte[] damaged = record.clone();
      System.arraycopy(text, 0, damaged, textAt, 3);

      assertThatThrownBy(() -> codec.decode(damaged))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("UTF-8");
    }
  }

  @Test
  void nestingDeeperThanTheLimitIsRefusedAtDecode() {
    // payload: one entry "k" whose value is a map of one entry "k" ... MAX_DEPTH + 1 maps deep
    byte[] start = codec.encode(notification("p", "e", Operation.UPSERT, Map.of(), null));
    int depth = BinaryForm.MAX_DEPTH + 1;
    byte[] record = Arrays.copyOf(start, start.length - 2 + depth * 4 + 1);
    int p = start.length - 2;
    record[p++] = 1;
    for (int i = 1; i < depth; i++) {
      record[p++] = 1; // key length
      record[p++] = 'k';
      record[p++] = 7; // a map
      record[p++] = 1; // of one entry
    }
    record[p++] = 1;
    record[p++] = 'k';
    record[p++] = 0; // null
    record[p] = 0; // no payloadRef

    assertThatThrownBy(() -> codec.decode(record))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nesting deeper");
  }

  @Test
  void damagedRecordsDecodeOrFailCleanly() {
    byte[] record = codec.encode(sample());
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] damaged = record.clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      }
      Throwable thrown = catchThrowable(() -> codec.decode(damaged));
      if (thrown != null) {
        assertThat(thrown).isInstanceOf(IllegalStateException.class);
      }
    }
  }

  @Test
  void theJsonFormOfEarlierVersionsIsStillRead() {
    String json =
        "{\"profileId\":\"p1\",\"entity\":\"account\","
            + "\"recordId\":\"00000000-0000-0001-0000-000000000002\",\"operation\":\"UPSERT\","
            + "\"version\":7,\"syncTime\":\"2025-01-02T03:04:05.123456789Z\",\"payload\":{"
            + "\"name\":\"Zoë \\uD83D\\uDE80 \\\"q\\\"\",\"count\":42,\"price\":12.3400,"
            + "\"whole\":5E0,\"active\":true,\"missing\":null,"
            + "\"parentaccountid\":{\"id\":\"5a6f0c1e-0000-0000-0000-000000000001\"},"
            + "\"tags\":[\"a\",1]}}";
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("name", "Zoë 🚀 \"q\"");
    payload.put("count", 42L);
    payload.put("price", new BigDecimal("12.3400"));
    payload.put("whole", new BigDecimal("5"));
    payload.put("active", true);
    payload.put("missing", null);
    payload.put("parentaccountid", Map.of("id", "5a6f0c1e-0000-0000-0000-000000000001"));
    payload.put("tags", List.of("a", 1L));

    SyncNotification back = codec.decode(json.getBytes(StandardCharsets.UTF_8));

    assertThat(back)
        .isEqualTo(
            new SyncNotification(
                "p1", "account", RECORD, Operation.UPSERT, 7, SYNC_TIME, payload, null));
    assertThat(back.payload().keySet()).containsExactlyElementsOf(payload.keySet());
    String referenced =
        "{\"profileId\":\"p1\",\"entity\":\"account\","
            + "\"recordId\":\"00000000-0000-0001-0000-000000000002\",\"operation\":\"DELETE\","
            + "\"version\":7,\"syncTime\":\"2025-01-02T03:04:05.123456789Z\",\"payload\":{},"
            + "\"payloadRef\":\"p1/payload/account/x\"}";
    assertThat(codec.decode(referenced.getBytes(StandardCharsets.UTF_8)).payloadRef())
        .isEqualTo("p1/payload/account/x");
  }

  /**
   * The claim check skips encoding a payload whose JSON-based bound ({@link #jsonBound}, as in
   * core's ClaimCheck) is below its limit, trusting the encoded size is no larger.
   */
  @Test
  void theEncodedPayloadIsNeverLargerThanItsJsonBound() {
    List<Map<String, Object>> payloads = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      payloads.add(realisticAccount(random, i));
    }
    payloads.add(Map.of());
    payloads.add(singleValues());
    for (Map.Entry<String, Object> entry : singleValues().entrySet()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put(entry.getKey(), entry.getValue());
      payloads.add(one);
      one = new LinkedHashMap<>();
      one.put("", entry.getValue());
      payloads.add(one);
    }
    Map<String, Object> many = new LinkedHashMap<>();
    for (int i = 0; i < 20_000; i++) {
      many.put(Integer.toString(i, 36), i % 2 == 0 ? null : "");
    }
    payloads.add(many);
    payloads.add(Map.of("list", java.util.Collections.nCopies(20_000, null)));

    for (Map<String, Object> payload : payloads) {
      SyncNotification notification =
          notification("p1", "account", Operation.UPSERT, payload, null);
      byte[] encoded = codec.encode(notification);
      byte[] envelope =
          codec.encode(notification("p1", "account", Operation.UPSERT, Map.of(), null));
      // the envelope holds an empty payload's one byte (its entry count)
      long payloadBytes = encoded.length - (envelope.length - 1);

      assertThat(payloadBytes).as("%s", payload.keySet()).isLessThanOrEqualTo(jsonBound(payload));
      assertThat(envelope.length).isLessThan(1024); // ClaimCheck's room for the envelope
    }
  }

  private static Map<String, Object> singleValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("null", null);
    values.put("true", true);
    values.put("zero", 0L);
    values.put("min", Long.MIN_VALUE);
    values.put("int", Integer.MIN_VALUE);
    values.put("bigInteger", BigInteger.valueOf(Long.MAX_VALUE));
    values.put("empty", "");
    values.put("a", "a");
    values.put("control", "\u0000");
    values.put("euro", "€");
    values.put("lone", "\uD800");
    values.put("long", "€".repeat(50_000));
    values.put("decimal", new BigDecimal("0E-10"));
    values.put("hugeScale", new BigDecimal("1E-2147483647"));
    values.put("negativeScale", new BigDecimal("-1E+2147483647"));
    values.put("digits18", new BigDecimal("-999999999999999999E-2147483647"));
    values.put("digits19", new BigDecimal("-9999999999999999999E-2147483647"));
    values.put("bigDecimal", new BigDecimal("1".repeat(500) + "E-2147483647"));
    values.put("double", -Double.MAX_VALUE);
    values.put("float", Float.MIN_VALUE);
    values.put("guid", RECORD);
    values.put("instant", Instant.MIN);
    values.put("date", LocalDate.MIN);
    values.put("emptyMap", Map.of());
    values.put("emptyList", List.of());
    values.put("listOfEmpties", List.of("", Map.of(), List.of()));
    values.put("lookup", Map.of("id", RECORD.toString(), "logicalName", "account"));
    return values;
  }

  /** ClaimCheck.upperBound: the JSON size a value takes at most. */
  private static long jsonBound(Object value) {
    return switch (value) {
      case null -> 4;
      case String text -> 2 + (long) text.length() * 6;
      case Map<?, ?> map -> {
        long size = 2;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          size += jsonBound(String.valueOf(entry.getKey())) + 2 + jsonBound(entry.getValue());
        }
        yield size;
      }
      case Collection<?> values -> {
        long size = 2;
        for (Object element : values) {
          size += jsonBound(element) + 1;
        }
        yield size;
      }
      case BigDecimal number -> 8 + number.unscaledValue().toString().length();
      default -> 64;
    };
  }

  /** About 40 attributes of an account as the Dataverse change source delivers them. */
  static Map<String, Object> realisticAccount(Random random, int index) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("accountid", new UUID(random.nextLong(), random.nextLong()).toString());
    payload.put("name", "Contoso Ltd. " + index);
    payload.put("accountnumber", "ACC-" + (100000 + index));
    payload.put("description", random.nextBoolean() ? null : "Key account in Zürich, 東京 office");
    payload.put("emailaddress1", "info" + index + "@contoso.example");
    payload.put("telephone1", "+41 44 " + random.nextInt(1000000));
    payload.put("websiteurl", "https://contoso.example/" + index);
    payload.put("address1_line1", "Bahnhofstrasse " + random.nextInt(200));
    payload.put("address1_city", "Zürich");
    payload.put("address1_postalcode", "80" + random.nextInt(100));
    payload.put("address1_country", "Switzerland");
    payload.put("revenue", BigDecimal.valueOf(random.nextInt(100_000_000), 4));
    payload.put("revenue_base", BigDecimal.valueOf(random.nextInt(100_000_000), 4));
    payload.put("exchangerate", new BigDecimal("1.000000000000"));
    payload.put("creditlimit", BigDecimal.valueOf(random.nextInt(1_000_000), 2));
    payload.put("numberofemployees", (long) random.nextInt(10_000));
    payload.put("sharesoutstanding", (long) random.nextInt(1_000_000));
    payload.put("industrycode", (long) random.nextInt(30));
    payload.put("statecode", 0L);
    payload.put("statuscode", 1L);
    payload.put("customertypecode", 3L);
    payload.put("accountcategorycode", random.nextBoolean() ? 1L : null);
    payload.put("versionnumber", 1_000_000L + index);
    payload.put("donotemail", random.nextBoolean());
    payload.put("donotphone", false);
    payload.put("creditonhold", false);
    payload.put("createdon", "2024-0" + (1 + random.nextInt(9)) + "-15T08:30:00Z");
    payload.put("modifiedon", "2025-01-02T03:04:05Z");
    payload.put("overriddencreatedon", null);
    payload.put("lastusedincampaign", "2024-11-30");
    payload.put("ownerid", lookup(random, "systemuser", "Ada Lovelace"));
    payload.put("owningbusinessunit", lookup(random, "businessunit", "Contoso"));
    payload.put("createdby", lookup(random, "systemuser", "Grace Hopper"));
    payload.put("modifiedby", lookup(random, "systemuser", "Grace Hopper"));
    payload.put("primarycontactid", lookup(random, "contact", "Zoë Smith"));
    payload.put("transactioncurrencyid", lookup(random, "transactioncurrency", "Swiss Franc"));
    payload.put(
        "parentaccountid", random.nextBoolean() ? null : lookup(random, "account", "Parent"));
    payload.put("territoryid", null);
    payload.put("processid", "00000000-0000-0000-0000-000000000000");
    payload.put("importsequencenumber", null);
    payload.put("timezoneruleversionnumber", 4L);
    payload.put("utcconversiontimezonecode", null);
    return payload;
  }

  private static Map<String, Object> lookup(Random random, String entity, String name) {
    Map<String, Object> lookup = new LinkedHashMap<>();
    lookup.put("id", new UUID(random.nextLong(), random.nextLong()).toString());
    lookup.put("logicalName", entity);
    lookup.put("name", name);
    return lookup;
  }

  private static SyncNotification sample() {
    Map<String, Object> payload = realisticAccount(new Random(1), 1);
    payload.put("big", new BigDecimal("123456789012345678901234567890.5"));
    payload.put("list", List.of(1L, "two", List.of()));
    payload.put("surrogates", "🚀 \uD800");
    return notification("profile-1", "account", Operation.UPSERT, payload, null);
  }

  private static SyncNotification notification(
      String profile,
      String entity,
      Operation operation,
      Map<String, Object> payload,
      String payloadRef) {
    return new SyncNotification(
        profile, entity, RECORD, operation, 5, SYNC_TIME, payload, payloadRef);
  }

  private SyncNotification roundTrip(Map<String, Object> payload) {
    SyncNotification notification = notification("p", "account", Operation.UPSERT, payload, null);
    return codec.decode(codec.encode(notification));
  }

  private static void both(
      Map<String, Object> payload,
      Map<String, Object> expected,
      String key,
      Object value,
      Object expectedValue) {
    payload.put(key, value);
    expected.put(key, expectedValue);
  }

  private static Object nested(int depth) {
    Object value = "bottom";
    for (int i = 1; i < depth; i++) {
      value = i % 2 == 0 ? List.of(value) : Map.of("k", value);
    }
    return value;
  }

  private static byte[] with(byte[] record, int at, int value) {
    byte[] copy = record.clone();
    copy[at] = (byte) value;
    return copy;
  }

  /** The record with the byte at {@code at} replaced by {@code bytes}. */
  private static byte[] splice(byte[] record, int at, byte[] bytes) {
    byte[] spliced = new byte[record.length - 1 + bytes.length];
    System.arraycopy(record, 0, spliced, 0, at);
    System.arraycopy(bytes, 0, spliced, at, bytes.length);
    System.arraycopy(record, at + 1, spliced, at + bytes.length, record.length - at - 1);
    return spliced;
  }
}
