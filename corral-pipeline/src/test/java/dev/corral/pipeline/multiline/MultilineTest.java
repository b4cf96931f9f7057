package dev.corral.pipeline.multiline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.definition.DefinitionReader;
import dev.corral.pipeline.engine.PipelineSet;
import dev.corral.pipeline.engine.ProcessorCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The multiline step on real-looking logs: Java (Logback, with causes, suppressed and "... N more")
 * and Python tracebacks (chained) among ordinary lines, the Corral and Filebeat ways of writing
 * patterns, the max_lines and max_bytes limits (the rest goes on in the next event, marked), the
 * flush timeout of a streaming input (an explicit clock, no sleeping), hostile and malformed
 * patterns refused when the definition is built, a hostile pattern that passes the build-time
 * probes bounded per line, and huge or invalid-UTF-8 lines.
 */
class MultilineTest {
  static final List<String> JAVA_LOG = List.of(
      "2024-05-01 12:00:00.123 INFO  [main] c.e.shop.App - started in 2.1 s",
      "2024-05-01 12:00:01.456 ERROR [http-nio-8080-exec-1] c.e.shop.OrderController - order 42 failed",
      "java.lang.IllegalStateException: payment declined",
      "\tat com.example.shop.PaymentService.charge(PaymentService.java:88)",
      "\tat com.example.shop.OrderController.place(OrderController.java:41)",
      "\tat java.base/java.lang.Thread.run(Thread.java:1583)",
      "Caused by: java.net.SocketTimeoutException: Read timed out",
      "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)",
      "\t... 12 more",
      "\tSuppressed: java.io.IOException: close failed",
      "\t\tat com.example.shop.Http.close(Http.java:9)",
      "2024-05-01 12:00:02.001 INFO  [main] c.e.shop.App - order 43 placed",
      "2024-05-01 12:00:03.002 WARN  [main] c.e.shop.App - slow response 1200 ms");

  static final List<String> PYTHON_LOG = List.of(
      "2024-05-01 12:00:00,100 INFO app: listening on :8000",
      "Traceback (most recent call last):",
      "  File \"/srv/app/handlers.py\", line 42, in handle",
      "    total = compute(order)",
      "  File \"/srv/app/pricing.py\", line 7, in compute",
      "    return order.qty * order.price",
      "TypeError: unsupported operand type(s) for *: 'int' and 'NoneType'",
      "During handling of the above exception, another exception occurred:",
      "Traceback (most recent call last):",
      "  File \"/srv/app/server.py\", line 90, in run",
      "    handler.handle(request)",
      "app.errors.HandlerError: order 42",
      "2024-05-01 12:00:01,200 INFO app: request done");

  @Test
  void theJavaPresetJoinsAStackTraceWithItsCausesToItsLogLine() throws Exception {
    List<LogEvent> joined = multiline(Map.of("preset", "java")).join(lines(JAVA_LOG));

    assertThat(joined).extracting(LogEvent::message).containsExactly(JAVA_LOG.get(0),
        String.join("\n", JAVA_LOG.subList(1, 11)), JAVA_LOG.get(11), JAVA_LOG.get(12));
    LogEvent trace = joined.get(1);
    assertThat(trace.fields().get(LineJoiner.LINES)).isEqualTo(10L);
    assertThat(trace.timestamp()).as("the first line's time").isEqualTo(1001L);
    assertThat(trace.fields().getString("service")).isEqualTo("shop");
    assertThat(joined.get(0).fields().get(LineJoiner.LINES)).as("a single line is not marked").isNull();
  }

  @Test
  void thePythonPresetJoinsATracebackThroughItsExceptionLineAndItsChain() throws Exception {
    List<LogEvent> joined = multiline(Map.of("preset", "python")).join(lines(PYTHON_LOG));

    assertThat(joined).extracting(LogEvent::message).containsExactly(PYTHON_LOG.get(0),
        String.join("\n", PYTHON_LOG.subList(1, 12)), PYTHON_LOG.get(12));
  }

  @Test
  void startAndContinuePatternsAndFilebeatsPatternNegateMatchGroupTheSameLog() throws Exception {
    String timestamped = "^\\d{4}-\\d{2}-\\d{2} ";
    List<String> expected = List.of(JAVA_LOG.get(0), String.join("\n", JAVA_LOG.subList(1, 11)), JAVA_LOG.get(11),
        JAVA_LOG.get(12));
    assertThat(multiline(Map.of("start", timestamped)).join(lines(JAVA_LOG))).extracting(LogEvent::message)
        .containsExactlyElementsOf(expected);
    assertThat(multiline(Map.of("pattern", timestamped, "negate", true, "match", "after")).join(lines(JAVA_LOG)))
        .extracting(LogEvent::message).containsExactlyElementsOf(expected);
    assertThat(multiline(Map.of("continue", "^(\\s|java\\.|Caused by:)")).join(lines(JAVA_LOG)))
        .extracting(LogEvent::message).containsExactlyElementsOf(expected);
    // match: before: lines ending in a backslash join the line after them.
    List<String> continued = List.of("SELECT * \\", "FROM orders \\", "WHERE id = 42", "next statement");
    assertThat(multiline(Map.of("pattern", "\\\\$", "match", "before")).join(lines(continued)))
        .extracting(LogEvent::message).containsExactly("SELECT * \\\nFROM orders \\\nWHERE id = 42", "next statement");
  }

  @Test
  void aGroupOverMaxLinesGoesOnInTheNextEventMarkedAndNothingIsLost() throws Exception {
    List<String> log = new ArrayList<>();
    log.add("2024-05-01 12:00:00 ERROR boom");
    for (int i = 0; i < 7; i++) {
      log.add("\tat com.example.Frame" + i + ".run(Frame.java:" + i + ")");
    }
    List<LogEvent> joined = multiline(Map.of("preset", "java", "max_lines", 3L)).join(lines(log));

    assertThat(joined).hasSize(3);
    assertThat(String.join("\n", joined.stream().map(LogEvent::message).toList())).isEqualTo(String.join("\n", log));
    assertThat(joined.get(0).fields().get(LineJoiner.TRUNCATED)).isEqualTo("max_lines");
    assertThat(joined.get(0).fields().get(LineJoiner.CONTINUED)).isNull();
    assertThat(joined.get(1).fields().get(LineJoiner.CONTINUED)).isEqualTo(true);
    assertThat(joined.get(1).fields().get(LineJoiner.TRUNCATED)).isEqualTo("max_lines");
    assertThat(joined.get(2).fields().get(LineJoiner.CONTINUED)).isEqualTo(true);
    assertThat(joined.get(2).fields().get(LineJoiner.TRUNCATED)).isNull();
    assertThat(joined.get(2).fields().get(LineJoiner.LINES)).isEqualTo(2L);
  }

  @Test
  void aGroupOverMaxBytesIsCutBeforeTheLineThatPassesItAndAHugeLineStaysWhole() throws Exception {
    String huge = "\tat " + "x".repeat(500);
    List<String> log = List.of("ERROR é", "\tat a.B.c(B.java:1)", "\tat d.E.f(E.java:2)", huge, "\tat g.H.i(H.java:3)");
    List<LogEvent> joined = multiline(Map.of("preset", "java", "max_bytes", 60L)).join(lines(log));

    assertThat(joined).extracting(LogEvent::message).containsExactly("ERROR é\n\tat a.B.c(B.java:1)\n\tat d.E.f(E.java:2)",
        huge, "\tat g.H.i(H.java:3)");
    assertThat(LineJoiner.utf8Length(joined.get(0).message())).isLessThanOrEqualTo(60);
    assertThat(joined.get(0).fields().get(LineJoiner.TRUNCATED)).isEqualTo("max_bytes");
    assertThat(joined.get(1).fields().get(LineJoiner.CONTINUED)).isEqualTo(true);
    assertThat(joined.get(1).fields().get(LineJoiner.TRUNCATED)).as("the next line would pass the limit too")
        .isEqualTo("max_bytes");
  }

  @Test
  void aStreamsOpenGroupIsCompletedByTheFlushTimeoutNotBefore() throws Exception {
    LineJoiner joiner = multiline(Map.of("preset", "java", "flush_timeout", "2s")).joiner();
    long second = 1_000_000_000L;
    assertThat(joiner.add(line(JAVA_LOG.get(1)), 10 * second)).isEmpty();
    assertThat(joiner.add(line(JAVA_LOG.get(2)), 10 * second)).isEmpty();
    assertThat(joiner.add(line(JAVA_LOG.get(3)), 11 * second)).isEmpty();

    assertThat(joiner.flushIfIdle(12 * second)).as("1 s after the last line").isEmpty();
    assertThat(joiner.hasOpenGroup()).isTrue();
    LogEvent cut = joiner.flushIfIdle(13 * second).orElseThrow();
    assertThat(cut.message()).isEqualTo(String.join("\n", JAVA_LOG.subList(1, 4)));
    assertThat(joiner.hasOpenGroup()).isFalse();
    assertThat(joiner.flushIfIdle(60 * second)).isEmpty();
    // A frame arriving after the cut starts a group of its own: the cut is final.
    assertThat(joiner.add(line(JAVA_LOG.get(4)), 61 * second)).isEmpty();
    assertThat(joiner.flush().orElseThrow().message()).isEqualTo(JAVA_LOG.get(4));
  }

  @Test
  void aFieldOnlyALaterLineHasIsKeptSuchAsTheInvalidUtf8Flag() throws Exception {
    LogEvent bad = new LogEvent(2, Level.INFO, "\tat com.example.Bad.\uFFFD(Bad.java:1)", Fields.of(Map.of("_invalid_utf8", true)));
    List<LogEvent> joined = multiline(Map.of("preset", "java")).join(List.of(line("ERROR failed"), bad));

    assertThat(joined).hasSize(1);
    assertThat(joined.getFirst().fields().get("_invalid_utf8")).isEqualTo(true);
    assertThat(joined.getFirst().message()).endsWith("\uFFFD(Bad.java:1)");
  }

  @Test
  void badPatternsAndOptionsAreRefusedWhenTheDefinitionIsBuilt() {
    assertThatThrownBy(() -> multiline(Map.of("start", "^(\\d+")))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("option 'start'").hasMessageContaining("does not compile");
    assertThatThrownBy(() -> multiline(Map.of("continue", "^(a+)+\\1$")))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("backtracks catastrophically");
    assertThatThrownBy(() -> multiline(Map.of("preset", "ruby"))).hasMessageContaining("java and python");
    assertThatThrownBy(() -> multiline(Map.of("preset", "java", "start", "^x"))).hasMessageContaining("one way");
    assertThatThrownBy(() -> multiline(Map.of("max_lines", 5L))).hasMessageContaining("got none");
    assertThatThrownBy(() -> multiline(Map.of("preset", "java", "max_lines", 0L))).hasMessageContaining("max_lines");
    assertThatThrownBy(() -> multiline(Map.of("preset", "java", "max_bytes", 2_000_000L))).hasMessageContaining("max_bytes");
    assertThatThrownBy(() -> multiline(Map.of("preset", "java", "flush_timeout", "5 seconds")))
        .hasMessageContaining("500ms, 5s or 1m");
    assertThatThrownBy(() -> multiline(Map.of("pattern", "^x", "match", "around"))).hasMessageContaining("after or before");
    assertThatThrownBy(() -> multiline(Map.of("preset", "java", "max_line", 5L))).hasMessageContaining("max_line");
  }

  @Test
  void aHostilePatternThatPassesTheProbesIsBoundedPerLineAndTheLineKept() throws Exception {
    Multiline hostile = multiline(Map.of("continue", "^(x+)+\\1$", "timeout_millis", 20L));
    String attack = "x".repeat(41) + "!";
    List<LogEvent> joined = hostile.join(lines(List.of("first", attack, "xx")));

    assertThat(joined).extracting(LogEvent::message).containsExactly("first", attack, "xx");
    assertThat(joined.get(1).fields().getString(LineJoiner.ERROR)).contains("took over 20 ms");
  }

  @Test
  void aPipelineDefinitionCarriesItsMultilineBlockAndABadOneNamesItsLine() throws Exception {
    String yaml = """
        id: app
        multiline:
          preset: java
          max_lines: 200
        processors:
          - set: {field: parsed, value: yes}
        """;
    PipelineSet set = PipelineSet.build(List.of(DefinitionReader.readYaml(yaml, "app.yaml")), ProcessorCatalog.builtIns(),
        Instant.now());
    Multiline built = set.get("app").orElseThrow().multiline().orElseThrow();
    assertThat(built.maxLines()).isEqualTo(200);
    assertThat(built.flushTimeout()).isEqualTo(Multiline.DEFAULT_FLUSH_TIMEOUT);

    String bad = yaml.replace("preset: java", "start: '[unclosed'");
    assertThatThrownBy(() -> PipelineSet.build(List.of(DefinitionReader.readYaml(bad, "app.yaml")),
        ProcessorCatalog.builtIns(), Instant.now()))
        .hasMessageContaining("pipeline 'app', multiline at line 3").hasMessageContaining("option 'start'");
    assertThatThrownBy(() -> DefinitionReader.readYaml(yaml.replace("multiline:\n  preset: java\n  max_lines: 200\n",
        "multiline: java\n"), "app.yaml")).hasMessageContaining("multiline at line").hasMessageContaining("map of options");
  }

  private static Multiline multiline(Map<String, Object> options) throws DefinitionException {
    return Multiline.build(new LinkedHashMap<>(options), "pipeline 'test', multiline");
  }

  private static List<LogEvent> lines(List<String> lines) {
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      events.add(new LogEvent(1000 + i, Level.INFO, lines.get(i), Fields.of(Map.of("service", "shop"))));
    }
    return events;
  }

  private static LogEvent line(String text) {
    return new LogEvent(1, Level.INFO, text, Fields.empty());
  }
}
