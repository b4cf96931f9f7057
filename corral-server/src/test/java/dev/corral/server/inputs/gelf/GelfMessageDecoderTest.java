package dev.corral.server.inputs.gelf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.model.normalize.DecodeLimits;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.model.normalize.Normalizer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** GELF 1.0 / 1.1 fields land on the canonical ones; what GELF forbids is rejected with a reason. */
class GelfMessageDecoderTest {
  private static final long RECEIVED = Timestamps.toNanos(Instant.parse("2026-11-21T18:00:00Z"));
  private final GelfMessageDecoder decoder = new GelfMessageDecoder(DecodeLimits.DEFAULTS, Normalizer.defaults());

  private LogEvent decode(String json) throws InvalidEventException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return decoder.decode(bytes, 0, bytes.length, RECEIVED);
  }

  @Test
  void gelf11FieldsBecomeCanonicalFields() throws Exception {
    LogEvent event = decode("""
        {"version":"1.1","host":"web-1","short_message":"card declined","timestamp":1795262400.125,"level":3,
         "_service":"checkout","_trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","_user_id":42,"_facility":"payments",
         "_id":"must-be-ignored"}
        """);
    assertThat(event.message()).isEqualTo("card declined");
    assertThat(event.level()).isEqualTo(Level.ERROR);
    assertThat(Timestamps.format(event.timestamp())).isEqualTo("2026-11-21T12:00:00.125Z");
    assertThat(event.get("host")).isEqualTo("web-1");
    assertThat(event.get("service")).isEqualTo("checkout");
    assertThat(event.get("trace_id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(event.get("user_id")).isEqualTo(42L);
    assertThat(event.get("facility")).isEqualTo("payments");
    assertThat(event.get("gelf.version")).isEqualTo("1.1");
    assertThat(event.get("version")).as("the GELF version is not the service version").isNull();
    assertThat(event.fields().toMap()).doesNotContainKeys("id", "_id", "short_message", "timestamp", "level");
  }

  @Test
  void gelf10StringsForTimestampAndLevelAreRead() throws Exception {
    // logstash-gelf's default (GELF 1.0) writes both as strings, plus top-level facility, line and file.
    LogEvent event = decode("""
        {"host":"h","short_message":"m","timestamp":"1795262400.5","level":"4","facility":"logstash-gelf","line":17,"file":"Pay.java"}
        """);
    assertThat(event.level()).isEqualTo(Level.WARN);
    assertThat(Timestamps.format(event.timestamp())).isEqualTo("2026-11-21T12:00:00.500Z");
    assertThat(event.get("facility")).isEqualTo("logstash-gelf");
    assertThat(event.get("line")).isEqualTo(17L);
    assertThat(event.get("file")).isEqualTo("Pay.java");
  }

  @Test
  void everySyslogSeverityMapsToALevel() throws Exception {
    Level[] expected = {Level.FATAL, Level.FATAL, Level.FATAL, Level.ERROR, Level.WARN, Level.INFO, Level.INFO, Level.DEBUG};
    for (int severity = 0; severity < expected.length; severity++) {
      assertThat(decode("{\"short_message\":\"m\",\"level\":" + severity + "}").level()).as("level %d", severity)
          .isEqualTo(expected[severity]);
    }
  }

  @Test
  void levelNamesAreAcceptedAndUnknownLevelsKeptAsOriginal() throws Exception {
    assertThat(decode("{\"short_message\":\"m\",\"level\":\"ERROR\"}").level()).isEqualTo(Level.ERROR);
    assertThat(decode("{\"short_message\":\"m\",\"level\":\"warning\"}").level()).isEqualTo(Level.WARN);
    LogEvent outOfRange = decode("{\"short_message\":\"m\",\"level\":40}");
    assertThat(outOfRange.level()).isEqualTo(Level.INFO);
    assertThat(outOfRange.get("level_original")).isEqualTo(40L);
    LogEvent nonsense = decode("{\"short_message\":\"m\",\"level\":\"loud\"}");
    assertThat(nonsense.level()).isEqualTo(Level.INFO);
    assertThat(nonsense.get("level_original")).isEqualTo("loud");
    assertThat(decode("{\"short_message\":\"m\"}").level()).as("missing level").isEqualTo(Level.INFO);
  }

  @Test
  void timestampAsTextIsParsedOrReplacedByTheReceiveTime() throws Exception {
    assertThat(Timestamps.format(decode("{\"short_message\":\"m\",\"timestamp\":\"2026-11-21T17:00:00.250Z\"}").timestamp()))
        .isEqualTo("2026-11-21T17:00:00.250Z");
    LogEvent unreadable = decode("{\"short_message\":\"m\",\"timestamp\":\"yesterday\"}");
    assertThat(unreadable.timestamp()).isEqualTo(RECEIVED);
    assertThat(unreadable.get("timestamp_original")).isEqualTo("yesterday");
    assertThat(decode("{\"short_message\":\"m\"}").timestamp()).isEqualTo(RECEIVED);
  }

  @Test
  void fullMessageThatIsAStackTraceBecomesTheExceptionStacktrace() throws Exception {
    LogEvent event = decode("""
        {"short_message":"payment failed","full_message":"java.lang.IllegalStateException: card expired\\n\\tat com.shop.Pay.charge(Pay.java:42)\\n\\tat com.shop.Pay.run(Pay.java:10)"}
        """);
    assertThat(event.message()).isEqualTo("payment failed");
    assertThat(event.get("exception.stacktrace")).asString().contains("Pay.java:42");
    assertThat(event.get("exception.type")).isEqualTo("java.lang.IllegalStateException");
    assertThat(event.get("exception.message")).isEqualTo("card expired");
    assertThat(event.get("full_message")).isNull();
  }

  @Test
  void pythonTracebackInFullMessageIsAStackTrace() throws Exception {
    LogEvent event = decode("""
        {"short_message":"boom","full_message":"Traceback (most recent call last):\\n  File \\"app.py\\", line 3, in <module>\\nValueError: bad amount"}
        """);
    assertThat(event.get("exception.type")).isEqualTo("ValueError");
  }

  @Test
  void fullMessageThatExtendsShortMessageIsTheMessage() throws Exception {
    LogEvent event = decode("""
        {"short_message":"first line","full_message":"first line\\nsecond line: with a colon"}
        """);
    assertThat(event.message()).isEqualTo("first line\nsecond line: with a colon");
    assertThat(event.get("full_message")).isNull();
    assertThat(event.get("exception.stacktrace")).isNull();
  }

  @Test
  void unrelatedFullMessageIsKept() throws Exception {
    LogEvent event = decode("{\"short_message\":\"summary\",\"full_message\":\"Details:\\nsomething else\"}");
    assertThat(event.message()).isEqualTo("summary");
    assertThat(event.get("full_message")).isEqualTo("Details:\nsomething else");
  }

  @Test
  void additionalFieldsGoThroughTheAliasTable() throws Exception {
    LogEvent event = decode("""
        {"short_message":"m","_service.name":"api","_traceId":"t1","_StackTrace":"java.lang.RuntimeException: x\\n\\tat A.b(A.java:1)","_version":"2.4.1","_env":"prod"}
        """);
    assertThat(event.get("service")).isEqualTo("api");
    assertThat(event.get("trace_id")).isEqualTo("t1");
    assertThat(event.get("exception.type")).isEqualTo("java.lang.RuntimeException");
    assertThat(event.get("version")).as("_version is the application's version").isEqualTo("2.4.1");
    assertThat(event.get("environment")).isEqualTo("prod");
  }

  @Test
  void additionalFieldNamedLikeAGelfFieldKeepsItsUnderscore() throws Exception {
    LogEvent event = decode("{\"short_message\":\"m\",\"host\":\"web-1\",\"_host\":\"container-7\",\"message\":\"stray\"}");
    assertThat(event.get("host")).isEqualTo("web-1");
    assertThat(event.get("_host")).isEqualTo("container-7");
    assertThat(event.message()).isEqualTo("m");
    assertThat(event.get("gelf.message")).isEqualTo("stray");
  }

  @Test
  void unknownAndNestedFieldsAreKeptFlattened() throws Exception {
    LogEvent event = decode("""
        {"short_message":"m","_ctx":{"order":{"id":7}},"_tags":["a","b"],"_ok":true,"_ratio":0.5,"_":"lone","custom":"x","_nothing":null}
        """);
    assertThat(event.get("ctx.order.id")).isEqualTo(7L);
    assertThat(event.get("tags")).isEqualTo("[\"a\",\"b\"]");
    assertThat(event.get("ok")).isEqualTo(true);
    assertThat(event.get("ratio")).isEqualTo(0.5);
    assertThat(event.get("_")).isEqualTo("lone");
    assertThat(event.get("custom")).isEqualTo("x");
    assertThat(event.fields().toMap()).doesNotContainKey("nothing");
  }

  @Test
  void unicodeIsKept() throws Exception {
    assertThat(decode("{\"short_message\":\"Grüße, 世界 🚀\"}").message()).isEqualTo("Grüße, 世界 🚀");
  }

  @Test
  void missingOrEmptyShortMessageIsRejected() {
    assertThatThrownBy(() -> decode("{\"host\":\"h\",\"full_message\":\"only the long one\"}"))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("no short_message");
    assertThatThrownBy(() -> decode("{\"short_message\":\"  \"}"))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("empty short_message");
    assertThatThrownBy(() -> decode("{\"short_message\":null}"))
        .isInstanceOf(InvalidEventException.class).hasMessageContaining("no short_message");
  }

  @Test
  void nonObjectAndMalformedJsonAreRejectedWithTheirPlace() {
    assertThatThrownBy(() -> decode("[{\"short_message\":\"m\"}]")).hasMessageContaining("must be a JSON object, got an array");
    assertThatThrownBy(() -> decode("\"just text\"")).hasMessageContaining("got a string");
    assertThatThrownBy(() -> decode("{\"short_message\": oops}")).hasMessageContaining("malformed JSON at column");
    assertThatThrownBy(() -> decode("{\"short_message\":\"m\"")).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> decode("{\"short_message\":\"m\"} {\"short_message\":\"n\"}"))
        .hasMessageContaining("after the GELF message");
  }

  @Test
  void invalidUtf8IsRejectedWithItsByteOffset() {
    byte[] bytes = "{\"short_message\":\"bad \u00ff here\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> decoder.decode(bytes, 0, bytes.length, RECEIVED))
        .hasMessageContaining("invalid UTF-8 at byte 23").hasMessageContaining("0xff");
  }

  @Test
  void limitsAreEnforcedWithValueAndSetting() {
    GelfMessageDecoder small = new GelfMessageDecoder(new DecodeLimits(300, 3, 2, 1024), Normalizer.defaults());
    byte[] big = ("{\"short_message\":\"" + "x".repeat(400) + "\"}").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> small.decode(big, 0, big.length, RECEIVED))
        .hasMessageContaining("is " + big.length + " bytes, more than the limit of 300 bytes (ingest.max_event_bytes)");
    byte[] wide = "{\"short_message\":\"m\",\"_a\":1,\"_b\":2,\"_c\":3}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> small.decode(wide, 0, wide.length, RECEIVED))
        .hasMessageContaining("more than 3 fields").hasMessageContaining("ingest.max_fields");
    byte[] deep = "{\"short_message\":\"m\",\"_a\":{\"b\":{\"c\":1}}}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> small.decode(deep, 0, deep.length, RECEIVED))
        .hasMessageContaining("nesting depth 3 exceeds the limit of 2 (ingest.max_depth) at field _a.b");
  }

  @Test
  void overlongMessageIsTruncatedAndFlagged() throws Exception {
    GelfMessageDecoder small = new GelfMessageDecoder(new DecodeLimits(4096, 100, 20, 100),
        new Normalizer(dev.corral.model.normalize.AliasTable.defaults(), 100));
    byte[] bytes = ("{\"short_message\":\"" + "y".repeat(500) + "\"}").getBytes(StandardCharsets.UTF_8);
    LogEvent event = small.decode(bytes, 0, bytes.length, RECEIVED);
    assertThat(event.message()).hasSize(100);
    assertThat(event.get("_truncated")).isEqualTo(true);
  }
}
