package dev.corral.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Origin ORIGIN = new Origin("checkout", "prod", "1.4.2", "web-7");

  @Test
  void everyCanonicalFieldIsWrittenUnderItsCanonicalName() throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
    fields.put("order", 42);
    fields.put("amount", 12.5);
    fields.put("paid", true);
    fields.put("markers", List.of("AUDIT", "PII"));
    fields.put("nothing", null);
    LogEvent event = new LogEvent(Instant.parse("2026-12-06T01:02:03.456Z"), "ERROR", ORIGIN, "shop.Payment", "main",
        "card declined", new ExceptionDetail("java.io.IOException", "reset", "java.io.IOException: reset\n\tat x"), fields);

    JsonNode json = JSON.readTree(EventJson.encode(event));

    assertThat(json.path("timestamp").asText()).isEqualTo("2026-12-06T01:02:03.456Z");
    assertThat(json.path("level").asText()).isEqualTo("ERROR");
    assertThat(json.path("service").asText()).isEqualTo("checkout");
    assertThat(json.path("environment").asText()).isEqualTo("prod");
    assertThat(json.path("version").asText()).isEqualTo("1.4.2");
    assertThat(json.path("host").asText()).isEqualTo("web-7");
    assertThat(json.path("logger").asText()).isEqualTo("shop.Payment");
    assertThat(json.path("thread").asText()).isEqualTo("main");
    assertThat(json.path("message").asText()).isEqualTo("card declined");
    assertThat(json.path("exception").path("type").asText()).isEqualTo("java.io.IOException");
    assertThat(json.path("exception").path("message").asText()).isEqualTo("reset");
    assertThat(json.path("exception").path("stacktrace").asText()).isEqualTo("java.io.IOException: reset\n\tat x");
    assertThat(json.path("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(json.path("order").isInt()).isTrue();
    assertThat(json.path("amount").asDouble()).isEqualTo(12.5);
    assertThat(json.path("paid").asBoolean()).isTrue();
    assertThat(json.path("markers").toString()).isEqualTo("[\"AUDIT\",\"PII\"]");
    assertThat(json.path("nothing").isNull()).isTrue();
  }

  @Test
  void aFieldNamedLikeACanonicalOneMovesUnderContext() throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("level", "from the MDC");
    fields.put("message", "also from the MDC");
    LogEvent event = new LogEvent(Instant.now(), "INFO", ORIGIN, "l", "t", "the real message", null, fields);

    JsonNode json = JSON.readTree(EventJson.encode(event));

    assertThat(json.path("level").asText()).isEqualTo("INFO");
    assertThat(json.path("message").asText()).isEqualTo("the real message");
    assertThat(json.path("context.level").asText()).isEqualTo("from the MDC");
    assertThat(json.path("context.message").asText()).isEqualTo("also from the MDC");
  }

  @Test
  void absentComponentsAreLeftOutAndNonFiniteNumbersBecomeStrings() throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("ratio", Double.NaN);
    fields.put("", "no name");
    LogEvent event = new LogEvent(Instant.now(), "INFO", new Origin("svc", null, null, null), null, null, null, null,
        fields);

    JsonNode json = JSON.readTree(EventJson.encode(event));

    assertThat(json.has("environment")).isFalse();
    assertThat(json.has("message")).isFalse();
    assertThat(json.has("exception")).isFalse();
    assertThat(json.has("")).isFalse();
    assertThat(json.path("ratio").asText()).isEqualTo("NaN");
  }

  @Test
  void hostileStringsStayValidJson() throws Exception {
    StringBuilder controls = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      controls.append(c);
    }
    String hostile = controls + "\"quoted\" back\\slash \u007f \u2028 ✓ 🚀 lone high \uD800 lone low \uDC00 end \uD83D";
    LogEvent event = new LogEvent(Instant.now(), "INFO", ORIGIN, "l", "t", hostile, null, Map.of("k\"ey\n", hostile));

    JsonNode json = JSON.readTree(EventJson.encode(event));

    String expected = controls + "\"quoted\" back\\slash \u007f \u2028 ✓ 🚀 lone high \uFFFD lone low \uFFFD end \uFFFD";
    assertThat(json.path("message").asText()).isEqualTo(expected);
    assertThat(json.path("k\"ey\n").asText()).isEqualTo(expected);
  }

  @Test
  void aHugeMessageIsCutWithoutSplittingASurrogatePairAndSaysSo() throws Exception {
    String huge = "x".repeat(EventJson.MAX_MESSAGE_CHARS - 1) + "🚀" + "y".repeat(5_000_000);
    LogEvent event = new LogEvent(Instant.now(), "INFO", ORIGIN, "l", "t", huge, null, Map.of());

    String line = EventJson.encode(event);
    String message = JSON.readTree(line).path("message").asText();

    assertThat(message).startsWith("x".repeat(EventJson.MAX_MESSAGE_CHARS - 1) + "… [truncated: " + huge.length()
        + " characters, the limit is " + EventJson.MAX_MESSAGE_CHARS + "]");
    assertThat(line).doesNotContain("\uD83D");
  }

  @Test
  void thousandsOfFreeFieldsStopAtTheBudgetSoTheEventStaysUnderAMebibyte() throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < 10_000; i++) {
      fields.put("field_" + i, "\u0001".repeat(EventJson.MAX_FIELD_CHARS * 2));
    }
    String controls = "\u0001".repeat(10_000_000);
    LogEvent event = new LogEvent(Instant.now(), "INFO", ORIGIN, "l".repeat(100_000), "t", controls,
        new ExceptionDetail("T", controls, controls), fields);

    byte[] line = EventJson.encode(event).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    JsonNode json = JSON.readTree(line);

    assertThat(line.length).isLessThan(1024 * 1024);
    assertThat(json.has("field_0")).isTrue();
    assertThat(json.has("field_9999")).isFalse();
  }
}
