package dev.corral.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AliasTableTest {
  private final AliasTable defaults = AliasTable.defaults();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "@timestamp, timestamp", "time, timestamp", "ts, timestamp", "_time, timestamp", "asctime, timestamp",
      "TimeStampUTC, timestamp", "timeMillis, timestamp", "Timestamp, timestamp",
      "loglevel, level", "levelname, level", "Level, level", "severity, level", "severity_text, level", "log.level, level",
      "service_name, service", "ServiceKey, service", "service.name, service", "app, service",
      "HostAddress, host", "hostname, host", "host.name, host", "ComponentKey, component",
      "logger_name, logger", "name, logger", "logger.name, logger", "log.logger, logger",
      "traceId, trace_id", "trace.id, trace_id", "TraceId, trace_id", "spanId, span_id", "span.id, span_id",
      "RequestKey, request_id", "requestId, request_id", "X-Request-ID, request_id", "userId, user_id", "user.id, user_id",
      "env, environment", "deployment.environment, environment",
      "msg, message", "Title, message", "_msg, message", "short_message, message", "log, message", "@message, message",
      "exception_type, exception.type", "error.type, exception.type", "exception.class, exception.type",
      "error.message, exception.message",
      "exc_info, exception.stacktrace", "traceback, exception.stacktrace", "exception.traceback, exception.stacktrace",
      "stack_trace, exception.stacktrace", "error.stack_trace, exception.stacktrace", "stacktrace, exception.stacktrace",
      "status_code, http.status_code", "http_method, http.method", "uri, http.uri", "user_agent, http.user_agent",
      "bytes_sent, http.bytes_sent", "referer, http.referer", "source_ip, http.source_ip",
      "response_time, http.response_time_ms",
      "external_protocol, external.protocol", "external_host, external.host", "external_endpoint, external.endpoint",
      "external_method, external.method", "external_status, external.status_code",
      "external_time_taken, external.time_taken_ms",
      "http.response.status_code, http.status_code", "url.path, http.uri", "url.original, http.uri",
      "http.request.method, http.method", "service.version, version", "thread_name, thread",
      "Additional, context", "Additional.x, context.x", "additional.a.b, context.a.b",
      "@version, @version", "ecs.version, ecs.version", "context.payment_amount, context.payment_amount",
      "log.origin.file.name, log.origin.file.name", "Additionally, Additionally", "MSG, message"})
  void defaultsMapEveryDocumentedAlias(String name, String canonical) {
    assertThat(defaults.resolve(name)).isEqualTo(canonical);
  }

  @Test
  void unaliasedNameResolvesToTheSameInstance() {
    String name = "context.payment_amount";
    assertThat(defaults.resolve(name)).isSameAs(name);
  }

  @Test
  void userFileIsMergedOverTheDefaults(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("aliases.yaml");
    Files.writeString(file, """
        # python's name is the app here, and keep the name field as it is
        name: [name]
        service: [application, "svc.*"]
        tenant: tenant_id
        """);
    AliasTable table = AliasTable.load(file);
    assertThat(table.resolve("name")).isEqualTo("name");
    assertThat(table.resolve("application")).isEqualTo("service");
    assertThat(table.resolve("svc.region")).isEqualTo("service.region");
    assertThat(table.resolve("TENANT_ID")).isEqualTo("tenant");
    assertThat(table.resolve("logger_name")).isEqualTo("logger");
    assertThat(table.entries().get("logger")).doesNotContain("name");
  }

  @Test
  void badUserFilesAreRejectedNamingFileAndProblem(@TempDir Path dir) throws IOException {
    Path twice = dir.resolve("twice.yaml");
    Files.writeString(twice, "service: [app]\nhost: [APP]\n");
    assertThatThrownBy(() -> AliasTable.load(twice)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alias 'APP' is listed under both 'service' and 'host'").hasMessageContaining("twice.yaml");
    Path notMap = dir.resolve("list.yaml");
    Files.writeString(notMap, "- a\n- b\n");
    assertThatThrownBy(() -> AliasTable.load(notMap)).hasMessageContaining("list.yaml at line 1");
    Path nested = dir.resolve("nested.yaml");
    Files.writeString(nested, "service:\n  a: b\n");
    assertThatThrownBy(() -> AliasTable.load(nested)).hasMessageContaining("must be a list of names").hasMessageContaining("line 2");
  }

  @Test
  void ofBuildsExactlyTheGivenTable() {
    AliasTable table = AliasTable.of(Map.of("message", List.of("text", "Body.*")));
    assertThat(table.resolve("TEXT")).isEqualTo("message");
    assertThat(table.resolve("msg")).isEqualTo("msg");
    assertThat(table.resolve("body.inner")).isEqualTo("message.inner");
    assertThatThrownBy(() -> AliasTable.of(Map.of("a", List.of(""))))
        .hasMessage("empty alias under 'a' in the given table");
  }

  @Test
  void exactAliasWinsOverSubtreeAndLongerSubtreeOverShorter() {
    AliasTable table = AliasTable.of(Map.of("context", List.of("a.*"), "deep", List.of("a.b.*"), "special", List.of("a.b.c")));
    assertThat(table.resolve("a.x")).isEqualTo("context.x");
    assertThat(table.resolve("a.b.x")).isEqualTo("deep.x");
    assertThat(table.resolve("a.b.c")).isEqualTo("special");
  }

  @Test
  void repeatedNamesGetTheSameAnswersAndUnaliasedNamesComeBackAsTheCallersOwn() {
    for (int round = 0; round < 3; round++) {
      assertThat(defaults.resolve("levelname")).isEqualTo("level");
      assertThat(defaults.resolve(new String("Additional.cart.total"))).isEqualTo("context.cart.total");
      String unaliased = new String("payment_amount");
      assertThat(defaults.resolve(unaliased)).isSameAs(unaliased);
    }
  }

  @Test
  void manyMoreNamesThanTheTableOfRecentAnswersHoldsAllResolveRight() {
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 10_000; i++) {
        String name = "field" + i;
        assertThat(defaults.resolve(name)).isSameAs(name);
        assertThat(defaults.resolve(i % 2 == 0 ? "LEVELNAME" : "levelName")).isEqualTo("level");
        assertThat(defaults.resolve("Additional.k" + i)).isEqualTo("context.k" + i);
      }
    }
    String longName = "Additional." + "x".repeat(500);
    assertThat(defaults.resolve(longName)).isEqualTo("context." + "x".repeat(500));
    assertThat(defaults.resolve(longName)).isEqualTo("context." + "x".repeat(500));
  }
}
