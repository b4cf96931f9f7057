package dev.corral.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventDecoderTest {
  private static final long RECEIVED = Timestamps.parseIso("2026-01-01T00:00:00Z");
  private final EventDecoder decoder = EventDecoder.defaults();

  private LogEvent decode(String json) throws InvalidEventException {
    return decode(json.getBytes(StandardCharsets.UTF_8));
  }

  private LogEvent decode(byte[] bytes) throws InvalidEventException {
    return decoder.decode(bytes, 0, bytes.length, RECEIVED);
  }

  private String reason(String json) {
    return reason(json.getBytes(StandardCharsets.UTF_8));
  }

  private String reason(byte[] bytes) {
    try {
      decode(bytes);
    } catch (InvalidEventException e) {
      return e.reason();
    }
    throw new AssertionError("expected the event to be rejected");
  }

  @Test
  void readsValuesWithTheirJsonTypes() throws Exception {
    LogEvent event = decode("""
        {"s":"text","i":42,"neg":-7,"f":1.5,"t":true,"f2":false,"n":null,"big":123456789012345678901234567890,
         "huge":1e400,"max":9223372036854775807}""");
    assertThat(event.fields().toMap()).containsExactly(
        java.util.Map.entry("s", "text"), java.util.Map.entry("i", 42L), java.util.Map.entry("neg", -7L),
        java.util.Map.entry("f", 1.5), java.util.Map.entry("t", true), java.util.Map.entry("f2", false),
        java.util.Map.entry("big", "123456789012345678901234567890"), java.util.Map.entry("huge", "1e400"),
        java.util.Map.entry("max", Long.MAX_VALUE));
  }

  @Test
  void readsDecimalsExactlyAsTheJdkDoes() throws Exception {
    long seed = new java.util.Random().nextLong();
    System.out.println("EventDecoderTest seed " + seed);
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < 20_000; i++) {
      double value = Double.longBitsToDouble(random.nextLong());
      String text = switch (i % 3) {
        case 0 -> Double.toString(value);
        case 1 -> String.format(java.util.Locale.ROOT, "%.17e", value);
        default -> random.nextInt(1_000_000) + "." + random.nextInt(1_000_000_000);
      };
      if (!Double.isFinite(value) && i % 3 != 2) {
        continue;
      }
      assertThat(decode("{\"f\":" + text + "}").fields().get("f")).as("seed %d, %s", seed, text)
          .isEqualTo(Double.parseDouble(text));
    }
  }

  @Test
  void flattensNestedObjectsWithDots() throws Exception {
    LogEvent event = decode("{\"context\":{\"payment\":{\"amount\":12.5,\"currency\":\"EUR\"},\"empty\":{}},\"a.b\":1}");
    assertThat(event.fields().toMap()).containsExactly(java.util.Map.entry("context.payment.amount", 12.5),
        java.util.Map.entry("context.payment.currency", "EUR"), java.util.Map.entry("a.b", 1L));
  }

  @Test
  void keepsArraysAsCompactJsonText() throws Exception {
    LogEvent event = decode("{\"tags\": [\"a\", \"b\"], \"items\": [ {\"sku\": 1, \"q\": [1.50, null]} ], \"none\": []}");
    assertThat(event.fields().get("tags")).isEqualTo("[\"a\",\"b\"]");
    assertThat(event.fields().get("items")).isEqualTo("[{\"sku\":1,\"q\":[1.50,null]}]");
    assertThat(event.fields().get("none")).isEqualTo("[]");
  }

  @Test
  void aDottedNameThatMeetsANestedPathKeepsBothValuesAsAMultiValuedField() throws Exception {
    LogEvent event = decode("{\"a\":{\"b\":1},\"x\":\"y\",\"a.b\":2}");
    assertThat(event.fields().toMap()).containsExactly(java.util.Map.entry("a.b", "[1,2]"),
        java.util.Map.entry("x", "y"));
    assertThat(event.fields().get("a.b")).as("stored like the array {\"a.b\":[1,2]}")
        .isEqualTo(decode("{\"a.b\":[1,2]}").fields().get("a.b"));
  }

  @Test
  void aRepeatedKeyKeepsEveryValueInEventOrderWithItsJsonType() throws Exception {
    assertThat(decode("{\"a\":1,\"a\":\"two\",\"a\":true,\"a\":2.5}").fields().get("a"))
        .isEqualTo("[1,\"two\",true,2.5]");
    assertThat(decode("{\"a\":[1,2],\"a\":3}").fields().get("a")).as("an array value stays an array")
        .isEqualTo("[[1,2],3]");
    assertThat(decode("{\"a\":3,\"a\":[\"x\"]}").fields().get("a")).isEqualTo("[3,[\"x\"]]");
  }

  @Test
  void nullValuesOmitTheFieldAndAnEmptyObjectIsAnEmptyEvent() throws Exception {
    LogEvent event = decode("{\"message\":null,\"level\":null,\"x\":null}");
    assertThat(event.message()).isEmpty();
    assertThat(event.level()).isEqualTo(Level.INFO);
    assertThat(event.fields().size()).isZero();
    assertThat(decode("  {}  ").timestamp()).isEqualTo(RECEIVED);
  }

  @Test
  void decodesARangeOfALargerArray() throws Exception {
    byte[] bytes = "xx{\"msg\":\"hi\"}yy".getBytes(StandardCharsets.UTF_8);
    assertThat(decoder.decode(bytes, 2, 12, RECEIVED).message()).isEqualTo("hi");
  }

  @Test
  void rejectsMalformedJsonNamingTheColumn() {
    assertThat(reason("{\"a\":1,}")).startsWith("malformed JSON at column 8: Unexpected character ('}'");
    assertThat(reason("{\"a\" 1}")).startsWith("malformed JSON at column 6:");
    assertThat(reason("{a:1}")).startsWith("malformed JSON at column 2:");
  }

  @Test
  void rejectsATruncatedObject() {
    assertThat(reason("{\"message\":\"half")).startsWith("malformed JSON at column").contains("end-of-input");
    assertThat(reason("{\"message\":\"x\"")).startsWith("malformed JSON").contains("end-of-input").doesNotContain("start marker");
  }

  @Test
  void rejectsInvalidUtf8NamingTheByte() {
    byte[] bytes = {'{', '"', 'm', 's', 'g', '"', ':', '"', 'a', 'b', 'c', (byte) 0xFF, 'd', '"', '}'};
    assertThat(reason(bytes)).isEqualTo("invalid UTF-8 at byte 12 (0xff)");
    byte[] cutSequence = {'{', '"', 'm', '"', ':', '"', (byte) 0xE2, (byte) 0x82, '"', '}'};
    assertThat(reason(cutSequence)).isEqualTo("invalid UTF-8 at byte 7 (0xe2)");
  }

  @Test
  void rejectsAnEventOverTheSizeLimitBeforeParsing() {
    byte[] tenMegabytes = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(tenMegabytes, (byte) 'x');
    assertThat(reason(tenMegabytes))
        .isEqualTo("event is 10485760 bytes, more than the limit of 1048576 (ingest.max_event_bytes)");
  }

  @Test
  void rejectsTooManyFieldsCountingThemAll() {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < 10_000; i++) {
      json.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
    }
    assertThat(reason(json.append('}').toString()))
        .isEqualTo("event has 10000 fields, more than the limit of 1000 (ingest.max_fields)");
  }

  @Test
  void acceptsExactlyTheFieldLimit() throws Exception {
    StringBuilder json = new StringBuilder("{\"n\":{");
    for (int i = 0; i < 1000; i++) {
      json.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":[").append(i).append(']');
    }
    assertThat(decode(json.append("}}").toString()).fields().size()).isEqualTo(1000);
  }

  @Test
  void rejectsNestingDeeperThanTheLimit() {
    String deep = "{\"a\":".repeat(1000) + "1" + "}".repeat(1000);
    assertThat(reason(deep)).startsWith("nesting depth 21 exceeds the limit of 20 (ingest.max_depth) at field a.a.a.");
    String deepArray = "{\"a\":" + "[".repeat(25) + "]".repeat(25) + "}";
    assertThat(reason(deepArray)).isEqualTo("nesting depth 21 exceeds the limit of 20 (ingest.max_depth) at field a");
  }

  @Test
  void acceptsNestingUpToTheLimit() throws Exception {
    String twenty = "{\"a\":".repeat(20) + "1" + "}".repeat(20);
    assertThat(decode(twenty).fields().get(String.join(".", java.util.Collections.nCopies(20, "a")))).isEqualTo(1L);
  }

  @Test
  void rejectsWhatIsNotAnObject() {
    assertThat(reason("[{\"a\":1}]")).isEqualTo("expected a JSON object, got an array");
    assertThat(reason("42")).isEqualTo("expected a JSON object, got a number");
    assertThat(reason("\"hello\"")).isEqualTo("expected a JSON object, got a string");
    assertThat(reason("true")).isEqualTo("expected a JSON object, got a boolean");
    assertThat(reason("null")).isEqualTo("expected a JSON object, got null");
    assertThat(reason("")).isEqualTo("event is empty");
    assertThat(reason("   ")).isEqualTo("event is empty");
  }

  @Test
  void rejectsContentAfterTheObject() {
    assertThat(reason("{\"a\":1} {\"b\":2}")).isEqualTo("unexpected an object after the JSON object at column 9");
    assertThat(reason("{\"a\":1} x")).startsWith("malformed JSON at column");
  }

  @Test
  void appliesAliasesAndLimitsFromItsConfiguration() throws Exception {
    EventDecoder custom = new EventDecoder(new DecodeLimits(100, 2, 2, 4),
        AliasTable.of(java.util.Map.of("message", java.util.List.of("text"))));
    byte[] ok = "{\"text\":\"hello\",\"x\":{\"y\":1}}".getBytes(StandardCharsets.UTF_8);
    LogEvent event = custom.decode(ok, 0, ok.length, RECEIVED);
    assertThat(event.message()).isEqualTo("hell");
    assertThat(event.fields().get("_truncated")).isEqualTo(true);
    byte[] deep = "{\"x\":{\"y\":{\"z\":1}}}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> custom.decode(deep, 0, deep.length, RECEIVED))
        .hasMessage("nesting depth 3 exceeds the limit of 2 (ingest.max_depth) at field x.y");
  }
}
