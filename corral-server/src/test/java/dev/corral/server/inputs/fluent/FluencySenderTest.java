package dev.corral.server.inputs.fluent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.komamitsu.fluency.EventTime;
import org.komamitsu.fluency.Fluency;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;

/**
 * A real sender: Fluency (PackedForward with a chunk id per send) in ack-response mode, which only
 * forgets a chunk once the server acked it. Every event must come back through the search API with
 * its canonical fields, and the malformed record as a dead letter with its reason.
 */
class FluencySenderTest {
  /** 2025-11-21T17:00:00Z. */
  static final long T0 = 1_763_744_400L;
  static final String UNICODE = "Grüße, 世界! Ωμέγα — emoji 🚀 and a tab\there";
  static final String STACK_TRACE = """
      java.lang.IllegalStateException: card declined
      \tat com.example.payments.Charge.run(Charge.java:42)
      \tat com.example.payments.Worker.lambda$loop$0(Worker.java:17)
      Caused by: java.net.SocketTimeoutException: Read timed out
      \tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)
      \t... 3 more""";
  static final String LARGE = "large " + "0123456789abcdef".repeat(64 * 1024 / 16);

  @TempDir
  Path data;
  TestServer server;
  Fluency fluency;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of("fluent.port", "0"));
    FluencyBuilderForFluentd builder = new FluencyBuilderForFluentd();
    builder.setAckResponseMode(true);
    builder.setReadTimeoutMilli(ForwardClient.READ_TIMEOUT_MILLIS);
    builder.setFlushAttemptIntervalMillis(100);
    fluency = builder.build("127.0.0.1", server.server().inputPort("fluent"));
  }

  @AfterEach
  void stop() throws Exception {
    fluency.close();
    server.close();
  }

  @Test
  void fluencyInAckModeDeliversUnicodeStackTraceAndLargeRecordsAndTheMalformedOneAsDeadLetter() throws Exception {
    Map<String, Object> unicode = new LinkedHashMap<>();
    unicode.put("message", UNICODE);
    unicode.put("level", "warn");
    unicode.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
    unicode.put("user", Map.of("id", "u-7", "roles", List.of("admin", "ops")));
    fluency.emit("app.checkout", EventTime.fromEpoch(T0, 123_456_789), unicode);
    Map<String, Object> trace = new LinkedHashMap<>();
    trace.put("log", STACK_TRACE + "\n");
    trace.put("severity", "ERROR");
    trace.put("kubernetes", Map.of("pod_name", "payments-7d9f", "labels", Map.of("team", "pay")));
    fluency.emit("app.payments", EventTime.fromEpoch(T0, 123_456_790), trace);
    fluency.emit("app.payments", T0 + 1, Map.of("message", LARGE, "service", "ledger", "bytes", 65_542));
    fluency.emit("app.broken", T0 + 2, Msgpack.pack("a record that is not a map"), 0,
        Msgpack.pack("a record that is not a map").length);
    fluency.flush();

    server.awaitTotal("*", 4);
    JsonNode first = server.search("trace_id:4bf92f3577b34da6a3ce929d0e0e4736").path("events").get(0);
    assertThat(first.path("message").asText()).isEqualTo(UNICODE);
    assertThat(first.path("level").asText()).isEqualTo("WARN");
    assertThat(first.path("timestamp").asText()).isEqualTo("2025-11-21T17:00:00.123456789Z");
    assertThat(first.path("service").asText()).isEqualTo("app.checkout");
    assertThat(first.path("tag").asText()).isEqualTo("app.checkout");
    assertThat(first.path("user_id").asText()).isEqualTo("u-7"); // user.id is an alias of user_id
    assertThat(first.path("user.roles").asText()).isEqualTo("[\"admin\",\"ops\"]");

    JsonNode second = server.search("service:\"app.payments\" AND \"card declined\"").path("events").get(0);
    assertThat(second.path("message").asText()).isEqualTo(STACK_TRACE);
    assertThat(second.path("level").asText()).isEqualTo("ERROR");
    assertThat(second.path("timestamp").asText()).isEqualTo("2025-11-21T17:00:00.123456790Z");
    assertThat(second.path("kubernetes.pod_name").asText()).isEqualTo("payments-7d9f");
    assertThat(second.path("kubernetes.labels.team").asText()).isEqualTo("pay");

    JsonNode large = server.search("service:ledger").path("events").get(0);
    assertThat(large.path("message").asText()).isEqualTo(LARGE);
    assertThat(large.path("tag").asText()).isEqualTo("app.payments");
    assertThat(large.path("bytes").asLong()).isEqualTo(65_542);
    assertThat(large.path("timestamp").asText()).isEqualTo("2025-11-21T17:00:01Z");

    JsonNode dead = server.search("logtype:dead_letter AND dead_letter.input:fluent").path("events").get(0);
    assertThat(dead.path("dead_letter.reason").asText())
        .contains("entry 0 of tag \"app.broken\"", "record is a STRING \"a record that is not a map\", expected a map of fields");
    assertThat(dead.path("dead_letter.excerpt").asText()).isEqualTo("\"a record that is not a map\"");
  }

  @Test
  void fluencyInAckModeDeliversThousandsOfEventsOverManyChunksExactlyOnceWhenNothingFails() throws Exception {
    int count = 5_000;
    for (int i = 0; i < count; i++) {
      fluency.emit("load.test", Map.of("message", "event " + i, "n", i));
    }
    fluency.flush();
    server.awaitTotal("service:\"load.test\"", count);
    assertThat(server.search("n:4999").path("total").asLong()).isEqualTo(1);
    assertThat(server.search("logtype:dead_letter").path("total").asLong()).isZero();
  }
}
