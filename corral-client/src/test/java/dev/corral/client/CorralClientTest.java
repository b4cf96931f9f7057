package dev.corral.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real Corral server, directly or through a {@link ScriptedFront} that injects failures. */
class CorralClientTest {
  @TempDir
  Path data;
  @TempDir
  Path spill;
  TestServer server;
  final List<String> diagnostics = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void eventsArriveSearchableWithTheirCanonicalFields() throws Exception {
    CorralClient client = start(config(server.uri("")), "client-canonical");
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
    fields.put("order", 42);
    client.offer(new LogEvent(Instant.now(), "ERROR", origin("client-canonical"), "shop.Payment", "worker-1",
        "card declined", ExceptionDetail.of(new IllegalStateException("no funds", new java.io.IOException("reset"))),
        fields));
    client.close();

    JsonNode event = server.awaitTotal("service:client-canonical", 1).path("events").get(0);
    assertThat(event.path("level").asText()).isEqualTo("ERROR");
    assertThat(event.path("logger").asText()).isEqualTo("shop.Payment");
    assertThat(event.path("thread").asText()).isEqualTo("worker-1");
    assertThat(event.path("environment").asText()).isEqualTo("test");
    assertThat(event.path("exception.type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(event.path("exception.message").asText()).isEqualTo("no funds");
    assertThat(event.path("exception.stacktrace").asText()).contains("Caused by: java.io.IOException: reset");
    assertThat(event.path("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(event.path("order").asInt()).isEqualTo(42);
    assertThat(client.stats().delivered()).isEqualTo(1);
  }

  @Test
  void hostileStringsAreStoredAsLoggedOrCutAndNeverRefused() throws Exception {
    CorralClient client = start(config(server.uri("")), "client-hostile");
    String controls = "tab\there nul\u0000 bell\u0007 esc\u001b quote\" backslash\\ 🚀";
    client.offer(event("client-hostile", "INFO", controls));
    client.offer(event("client-hostile", "INFO", "lone \uD800 surrogate \uDC00 end"));
    client.offer(event("client-hostile", "WARN", "huge " + "z".repeat(3_000_000)));
    client.close();

    server.awaitTotal("service:client-hostile", 3);
    assertThat(server.awaitTotal("service:client-hostile AND level:INFO AND tab", 1).path("events").get(0)
        .path("message").asText()).isEqualTo(controls);
    assertThat(server.awaitTotal("service:client-hostile AND lone", 1).path("events").get(0).path("message").asText())
        .isEqualTo("lone \uFFFD surrogate \uFFFD end");
    assertThat(server.awaitTotal("service:client-hostile AND level:WARN", 1).path("events").get(0)
        .path("message").asText()).startsWith("huge zzz").contains("[truncated: 3000005 characters");
    assertThat(client.stats().rejected()).isZero();
    assertThat(server.search("logtype:dead_letter").path("total").asLong()).isZero();
  }

  @Test
  void a429WithRetryAfterIsRetriedNoSoonerThanAskedAndThenDelivered() throws Exception {
    try (ScriptedFront front = ScriptedFront.forwardingTo(server.uri(""))) {
      front.then(new ScriptedFront.Answer(429, "1", "{\"status\":429,\"error\":\"over the rate\"}"));
      CorralClient client = start(config(front.uri()), "client-429");
      offer(client, "client-429", 20);
      client.close(Duration.ofSeconds(30));

      server.awaitTotal("service:client-429", 20);
      List<ScriptedFront.Seen> seen = front.seen();
      assertThat(seen).extracting(ScriptedFront.Seen::status).startsWith(429, 200);
      assertThat(Duration.ofNanos(seen.get(1).receivedNanos() - seen.get(0).receivedNanos()))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      assertThat(client.stats()).extracting(ClientStats::delivered, ClientStats::dropped).containsExactly(20L, 0L);
    }
  }

  @Test
  void a503IsRetriedWithBackoffUntilCorralTakesTheBatch() throws Exception {
    try (ScriptedFront front = ScriptedFront.forwardingTo(server.uri(""))) {
      ScriptedFront.Answer unavailable = new ScriptedFront.Answer(503, null, "{\"status\":503,\"error\":\"starting\"}");
      front.then(unavailable, unavailable, unavailable);
      CorralClient client = start(config(front.uri()), "client-503");
      offer(client, "client-503", 20);
      client.close(Duration.ofSeconds(30));

      server.awaitTotal("service:client-503", 20);
      assertThat(front.seen()).extracting(ScriptedFront.Seen::status).startsWith(503, 503, 503, 200);
      assertThat(client.stats()).extracting(ClientStats::delivered, ClientStats::rejected).containsExactly(20L, 0L);
      assertThat(diagnostics).anyMatch(line -> line.contains("will retry") && line.contains("503"));
    }
  }

  @Test
  void a400RefusesThatBatchForGoodAndTheNextOneIsDelivered() throws Exception {
    try (ScriptedFront front = ScriptedFront.forwardingTo(server.uri(""))) {
      front.then(new ScriptedFront.Answer(400, null, "{\"status\":400,\"error\":\"empty body\"}"));
      CorralClient client = start(withBatch(config(front.uri()), 10), "client-400");
      offer(client, "client-400", 10);
      awaitRequests(front, 1);
      offer(client, "client-400", 10);
      client.close(Duration.ofSeconds(30));

      server.awaitTotal("service:client-400", 10);
      assertThat(client.stats()).extracting(ClientStats::logged, ClientStats::rejected, ClientStats::delivered)
          .containsExactly(20L, 10L, 10L);
      assertThat(diagnostics).anyMatch(line -> line.contains("refused 10 events") && line.contains("400"));
    }
  }

  @Test
  void dropsWhileCorralIsDownAreReportedAsOneWarnEventOnceItAnswers() throws Exception {
    try (ScriptedFront front = ScriptedFront.forwardingTo(server.uri(""))) {
      front.down();
      CorralClient client = start(withQueue(config(front.uri()), 100), "client-drops");
      for (int i = 0; i < 1000; i++) {
        client.offer(event("client-drops", i % 4 == 0 ? "DEBUG" : "INFO", "event " + i));
      }
      ClientStats whileDown = client.stats();
      assertThat(whileDown.dropped()).isGreaterThanOrEqualTo(1000 - 100 - ClientConfig.DEFAULT_BATCH_SIZE);
      front.up();

      JsonNode report = server.awaitTotal("service:client-drops AND logger:dev.corral.client", 1).path("events").get(0);
      client.close(Duration.ofSeconds(30));
      ClientStats after = client.stats();
      assertThat(report.path("level").asText()).isEqualTo("WARN");
      assertThat(report.path("message").asText()).startsWith("corral-client dropped " + after.dropped() + " events (");
      assertThat(report.path("corral_client.dropped").asLong()).isEqualTo(after.dropped());
      assertThat(report.path("corral_client.dropped_debug").asLong() + report.path("corral_client.dropped_info").asLong())
          .isEqualTo(after.dropped());
      assertThat(after.delivered() + after.dropped()).isEqualTo(1000);
      server.awaitTotal("service:client-drops AND NOT logger:dev.corral.client", after.delivered());
      assertThat(after.reports()).isEqualTo(1);
    }
  }

  @Test
  void corralStoppedAndStartedAgainGetsEveryEventNotDroppedAndTheReportOfTheDrops() throws Exception {
    int port = server.server().port();
    CorralClient client = start(withQueue(config(server.uri("")), 200), "client-restart");
    offer(client, "client-restart", 100);
    while (client.stats().delivered() < 100) {
      Thread.sleep(10);
    }
    server.close();
    for (int i = 0; i < 2000; i++) {
      client.offer(event("client-restart", i % 2 == 0 ? "DEBUG" : "WARN", "while down " + i));
    }
    assertThat(client.stats().dropped()).isPositive();

    server = TestServer.start(data, Map.of("http.port", String.valueOf(port)));
    JsonNode report = server.awaitTotal("service:client-restart AND logger:dev.corral.client", 1).path("events").get(0);
    client.close(Duration.ofSeconds(30));

    ClientStats stats = client.stats();
    assertThat(stats.delivered() + stats.dropped()).isEqualTo(2100);
    assertThat(report.path("corral_client.dropped").asLong()).isEqualTo(stats.dropped());
    assertThat(stats.droppedByLevel().get("DEBUG")).as("DEBUG makes room for WARN")
        .isGreaterThan(stats.droppedByLevel().getOrDefault("WARN", 0L));
    server.awaitTotal("service:client-restart AND NOT logger:dev.corral.client", stats.delivered());
    assertThat(diagnostics).anyMatch(line -> line.contains("answers again"));
  }

  @Test
  void withASpillDirectoryEventsWaitOnDiskWhileCorralIsDownAndAllArriveLater() throws Exception {
    try (ScriptedFront front = ScriptedFront.forwardingTo(server.uri(""))) {
      front.down();
      ClientConfig base = withBatch(config(front.uri()), 50);
      CorralClient client = start(new ClientConfig(base.url(), null, 100, base.dropPolicy(), 50, Duration.ofMillis(20),
          spill, ClientConfig.DEFAULT_SPILL_MAX_BYTES, Duration.ofSeconds(30)), "client-spill");
      for (int i = 0; i < 2000; i++) {
        client.offer(event("client-spill", "INFO", "event " + i));
        if (i % 50 == 49) {
          awaitSpilledOrDropped(client, i + 1);
        }
      }
      ClientStats down = client.stats();
      assertThat(down.spilled()).isGreaterThan(0);
      assertThat(spillFiles()).isNotEmpty();
      front.up();
      while (!spillFiles().isEmpty()) {
        Thread.sleep(20);
      }
      client.close(Duration.ofSeconds(60));

      ClientStats after = client.stats();
      assertThat(after.logged() + after.unspilled()).isEqualTo(after.delivered() + after.dropped() + after.spilled());
      assertThat(after.unspilled()).isEqualTo(after.spilled());
      assertThat(after.delivered() + after.dropped()).isEqualTo(2000);
      server.awaitTotal("service:client-spill AND NOT logger:dev.corral.client", after.delivered());
    }
  }

  @Test
  void closeDeliversWhatIsQueuedWithoutWaitingForTheFlushInterval() throws Exception {
    ClientConfig base = config(server.uri(""));
    CorralClient client = start(new ClientConfig(base.url(), null, 10_000, base.dropPolicy(), 5_000,
        Duration.ofHours(1), null, 1, Duration.ofSeconds(30)), "client-flush");
    offer(client, "client-flush", 300);
    assertThat(client.stats().delivered()).isZero();

    client.close();

    assertThat(client.stats()).extracting(ClientStats::delivered, ClientStats::queued, ClientStats::inFlight)
        .containsExactly(300L, 0L, 0L);
    server.awaitTotal("service:client-flush", 300);
  }

  @Test
  void closeWithCorralUnreachableCountsWhatWasLeftAsDroppedByLevel() {
    ClientConfig base = config(ClosedPort.uri());
    CorralClient client = start(new ClientConfig(base.url(), null, 10_000, base.dropPolicy(), 100,
        Duration.ofMillis(10), null, 1, Duration.ofMillis(200)), "client-unreachable");
    for (int i = 0; i < 500; i++) {
      client.offer(event("client-unreachable", i % 5 == 0 ? "ERROR" : "INFO", "event " + i));
    }

    client.close();

    ClientStats stats = client.stats();
    assertThat(stats.dropped()).isEqualTo(500);
    assertThat(stats.droppedByLevel()).isEqualTo(Map.of("ERROR", 100L, "INFO", 400L));
    assertThat(stats.delivered() + stats.queued() + stats.inFlight()).isZero();
    assertThat(diagnostics).anyMatch(line -> line.contains("unreachable"));
  }

  private CorralClient start(ClientConfig config, String service) {
    return CorralClient.start(config, origin(service), diagnostics::add);
  }

  private static ClientConfig config(URI url) {
    ClientConfig defaults = ClientConfig.defaults(url);
    return new ClientConfig(url, null, defaults.queueSize(), defaults.dropPolicy(), defaults.batchSize(),
        Duration.ofMillis(50), null, defaults.spillMaxBytes(), Duration.ofSeconds(10));
  }

  private static ClientConfig withBatch(ClientConfig c, int batchSize) {
    return new ClientConfig(c.url(), c.apiKey(), c.queueSize(), c.dropPolicy(), batchSize, c.flushInterval(),
        c.spillDirectory(), c.spillMaxBytes(), c.shutdownTimeout());
  }

  private static ClientConfig withQueue(ClientConfig c, int queueSize) {
    return new ClientConfig(c.url(), c.apiKey(), queueSize, c.dropPolicy(), c.batchSize(), c.flushInterval(),
        c.spillDirectory(), c.spillMaxBytes(), c.shutdownTimeout());
  }

  private static Origin origin(String service) {
    return new Origin(service, "test", "1.0", "test-host");
  }

  private static LogEvent event(String service, String level, String message) {
    return new LogEvent(Instant.now(), level, origin(service), "test.logger", "main", message, null, null);
  }

  private static void offer(CorralClient client, String service, int count) {
    for (int i = 0; i < count; i++) {
      client.offer(event(service, "INFO", "event " + i));
    }
  }

  private static void awaitRequests(ScriptedFront front, int count) throws InterruptedException {
    while (front.seen().size() < count) {
      Thread.sleep(10);
    }
  }

  /** Waits until the sender has moved everything logged so far to disk or dropped it (the front is down). */
  private static void awaitSpilledOrDropped(CorralClient client, long logged) throws InterruptedException {
    for (int attempt = 0; attempt < 1000; attempt++) {
      ClientStats stats = client.stats();
      if (stats.spilled() + stats.dropped() == logged) {
        return;
      }
      Thread.sleep(5);
    }
  }

  private List<Path> spillFiles() throws Exception {
    try (Stream<Path> files = Files.list(spill)) {
      return files.toList();
    }
  }
}
