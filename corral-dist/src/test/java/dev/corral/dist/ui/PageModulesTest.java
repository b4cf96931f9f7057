package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The pure functions behind the live tail, trace and dashboard pages, run in the browser: the
 * trace layout (nanosecond offsets, lanes, gaps, ticks), the bounded buffer of the tail, the
 * drill-down queries of dashboard panels (checked against the server with hostile values), the
 * threshold tones and the number formats.
 */
@ExtendWith(CorralUiExtension.class)
class PageModulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LANES = "/ui/lib/lanes.js";
  private static final String PANELS = "/ui/lib/panels.js";
  private static final String UNITS = "/ui/lib/units.js";
  /** Offsets are in milliseconds: a nanosecond is the precision the server gives. */
  private static final Offset<Double> NANOSECOND = Offset.offset(1e-6);

  private Browser browser;

  /** Any page will do: the modules are what is tested. */
  @BeforeEach
  void openStatusPage(Browser browser) {
    this.browser = browser;
    browser.open("#/status");
  }

  /** An exported function's result, called in the page. */
  private JsonNode call(String module, String function, Object... args) throws Exception {
    return JSON.readTree(browser.call(module, function, args));
  }

  @Test
  void traceLayoutKeepsNanosecondOffsetsAndOneLanePerServiceInFirstAppearanceOrder() throws Exception {
    JsonNode layout = call(LANES, "layoutTrace", Map.of(
        "services", List.of(Map.of("service", "gateway"), Map.of("service", "payment")),
        "events", List.of(
            event("2026-11-21T10:00:00Z", "INFO", "gateway"),
            event("2026-11-21T10:00:00.000000250Z", "DEBUG", "payment"),
            event("2026-11-21T10:00:00.004Z", "ERROR", "payment"),
            event("2026-11-21T10:00:00.010Z", "INFO", null),
            event("2026-11-21T10:00:00.100Z", "FATAL", "gateway"))));
    assertThat(layout.path("durationMs").asDouble()).isCloseTo(100.0, NANOSECOND);
    JsonNode events = layout.path("events");
    assertThat(events.get(1).path("offsetMs").asDouble()).isCloseTo(0.00025, NANOSECOND);
    assertThat(events.get(2).path("position").asDouble()).isCloseTo(0.04, NANOSECOND);
    assertThat(events.get(3).path("service").asText()).isEqualTo("(unknown)");
    JsonNode lanes = layout.path("lanes");
    assertThat(lanes).extracting(lane -> lane.path("service").asText()).containsExactly("gateway", "payment", "(unknown)");
    assertThat(lanes.get(0).path("errors").asInt()).as("FATAL counts as an error").isEqualTo(1);
    assertThat(lanes.get(0).path("spanMs").asDouble()).isCloseTo(100.0, NANOSECOND);
    assertThat(lanes.get(1).path("errors").asInt()).isEqualTo(1);
    assertThat(lanes.get(1).path("to").asDouble()).isCloseTo(0.04, NANOSECOND);
    JsonNode gaps = layout.path("gaps");
    assertThat(gaps).hasSize(1);
    assertThat(gaps.get(0).path("ms").asDouble()).isCloseTo(90.0, NANOSECOND);
    assertThat(gaps.get(0).path("afterIndex").asInt()).isEqualTo(3);
  }

  @Test
  void traceLayoutSurvivesOneEventBadTimestampsAndNoEvents() throws Exception {
    JsonNode single = call(LANES, "layoutTrace", Map.of("events", List.of(event("2026-11-21T10:00:00Z", "INFO", "a"))));
    assertThat(single.path("durationMs").asDouble()).isZero();
    assertThat(single.path("events").get(0).path("position").asDouble()).isEqualTo(0.5);
    assertThat(single.path("gaps")).isEmpty();
    JsonNode bad = call(LANES, "layoutTrace", Map.of("events", List.of(event("yesterday", "INFO", "a"),
        event("2026-11-21T10:00:01Z", "INFO", "a"))));
    assertThat(bad.path("events").get(0).path("offsetMs").asDouble()).isZero();
    assertThat(bad.path("lanes")).hasSize(1);
    JsonNode empty = call(LANES, "layoutTrace", Map.of());
    assertThat(empty.path("lanes")).isEmpty();
    assertThat(empty.path("events")).isEmpty();
  }

  @Test
  void ticksAreRoundStepsAcrossTheTrace() throws Exception {
    assertThat(call(LANES, "ticks", 100).findValuesAsText("offsetMs")).containsExactly("0", "20", "40", "60", "80", "100");
    assertThat(call(LANES, "ticks", 2020).findValuesAsText("offsetMs")).containsExactly("0", "500", "1000", "1500", "2000");
    assertThat(call(LANES, "ticks", 0)).hasSize(1);
  }

  @Test
  void theTailBufferKeepsTheNewestAndNumbersItemsStablyAcrossDrops() {
    Object result = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        import('/ui/lib/ring.js').then(({ Ring }) => {
          const ring = new Ring(3);
          const fell = [ring.push([1, 2]), ring.push([3, 4]), ring.push([5, 6, 7, 8, 9])];
          const kept = [0, 1, 2].map((i) => ring.get(i));
          let error = null;
          try { new Ring(0); } catch (e) { error = e.message; }
          done(JSON.stringify({ fell, kept, dropped: ring.dropped, first: ring.sequence(0), at7: ring.indexOf(6), gone: ring.indexOf(2), error }));
        }).catch((e) => done(String(e)));""");
    assertThat(String.valueOf(result)).isEqualTo(
        "{\"fell\":[0,1,5],\"kept\":[7,8,9],\"dropped\":6,\"first\":6,\"at7\":0,\"gone\":-1,"
            + "\"error\":\"ring capacity must be a positive integer, got 0\"}");
  }

  @Test
  void drillQueriesKeepTheFilterDropThePipesAndNameMissingValues() throws Exception {
    assertThat(drill("* | stats count() by service, level", group("service", "checkout", "level", "ERROR")))
        .isEqualTo("service:checkout level:ERROR");
    assertThat(call(PANELS, "drillQuery", "level:(ERROR OR FATAL) | timechart span=1m count() by service", Map.of("service", "cart")).asText())
        .isEqualTo("(level:(ERROR OR FATAL)) service:cart");
    assertThat(call(PANELS, "drillQuery", "level:ERROR OR level:WARN | stats count() by host", Map.of("host", "web-1")).asText())
        .isEqualTo("(level:ERROR OR level:WARN) host:web-1");
    Map<String, Object> missing = new LinkedHashMap<>();
    missing.put("host", null);
    assertThat(call(PANELS, "drillQuery", "* | stats count() by host", missing).asText()).isEqualTo("-host:*");
    assertThat(call(PANELS, "drillQuery", "* | stats count() by host", Map.of("host", "(other)")).asText()).isEqualTo("*");
    assertThat(call(PANELS, "filterOf", "  ").asText()).isEqualTo("*");
    assertThat(call(PANELS, "filterOf", "\"a | b\" | head 3").asText()).isEqualTo("\"a | b\"");
  }

  @Test
  void aDrilledHostileCellMatchesExactlyItsEventsOnTheServer(DemoDataServer server) throws Exception {
    List<String> services = List.of("a \"quoted\" \\ svc: (x) OR y*", "-dash", "NOT", "path/with?q=[1]", "ünï ✓");
    StringBuilder lines = new StringBuilder();
    for (String service : services) {
      for (String level : List.of("ERROR", "INFO", "INFO")) {
        lines.append(JSON.writeValueAsString(Map.of("timestamp", "2026-01-01T00:00:00Z", "service", service, "level", level,
            "logtype", "drill-test", "message", "drill"))).append('\n');
      }
    }
    server.ingest(lines.toString().getBytes(StandardCharsets.UTF_8), services.size() * 3);
    Api.awaitTotal(server, "logtype:drill-test", services.size() * 3);
    for (String service : services) {
      String error = drill("logtype:drill-test | stats count() by service, level", group("service", service, "level", "ERROR"));
      assertThat(server.search(error, 0).path("total").asInt()).as(error).isEqualTo(1);
      String info = drill("logtype:drill-test | stats count() by service, level", group("service", service, "level", "INFO"));
      assertThat(server.search(info, 0).path("total").asInt()).as(info).isEqualTo(2);
    }
  }

  @Test
  void thresholdTonesAndNumberFormats() throws Exception {
    Map<String, Integer> thresholds = Map.of("warning", 1, "critical", 10);
    assertThat(call(PANELS, "thresholdTone", 0, thresholds).asText()).isEqualTo("ok");
    assertThat(call(PANELS, "thresholdTone", 1, thresholds).asText()).isEqualTo("warning");
    assertThat(call(PANELS, "thresholdTone", 10, thresholds).asText()).isEqualTo("critical");
    assertThat(call(PANELS, "thresholdTone", 5, Map.of("critical", 3)).asText()).isEqualTo("critical");
    assertThat(call(PANELS, "thresholdTone", 5, Map.of()).asText()).as("no thresholds set").isEqualTo("ok");
    assertThat(call(UNITS, "formatBytes", 0).asText()).isEqualTo("0 B");
    assertThat(call(UNITS, "formatBytes", 1536).asText()).isEqualTo("1.5 KiB");
    assertThat(call(UNITS, "formatBytes", 190_234_112).asText()).isEqualTo("181 MiB");
    assertThat(call(UNITS, "formatCount", 12_345).asText()).isEqualTo("12,345");
    assertThat(call(UNITS, "formatCount", 1_843_120).asText()).isEqualTo("1.8 M");
    assertThat(call(UNITS, "formatRate", 0.44).asText()).isEqualTo("0.4");
    assertThat(call(UNITS, "formatRate", 812.4).asText()).isEqualTo("812");
    assertThat(call(UNITS, "countOf", 1, "error").asText()).isEqualTo("1 error");
    assertThat(call(UNITS, "countOf", 3, "error").asText()).isEqualTo("3 errors");
    assertThatThrownBy(() -> call(UNITS, "noSuchFunction")).isInstanceOf(IllegalStateException.class);
  }

  /**
   * drillQuery with the group's fields in the given order (a Map handed to the browser directly
   * may arrive in another order; JSON text keeps it).
   */
  private String drill(String query, Map<String, Object> group) throws Exception {
    Object result = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
        const [query, group, done] = arguments;
        import('/ui/lib/panels.js').then((m) => done(m.drillQuery(query, JSON.parse(group)))).catch((e) => done('failed: ' + e));""",
        query, JSON.writeValueAsString(group));
    return String.valueOf(result);
  }

  /** Group values in the order given, as a table's group columns come. */
  private static Map<String, Object> group(String field, Object value, String otherField, Object otherValue) {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put(field, value);
    group.put(otherField, otherValue);
    return group;
  }

  private static Map<String, Object> event(String timestamp, String level, String service) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("timestamp", timestamp);
    event.put("level", level);
    if (service != null) {
      event.put("service", service);
    }
    event.put("message", level + " in " + service);
    return event;
  }
}
