package dev.corral.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.demo.RecordingIngestServer.Answer;
import dev.corral.demo.RecordingIngestServer.Received;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class DemoFleetTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static FleetConfig config(URI target) {
    return new FleetConfig(target, 2_000, 1234, Duration.ofMillis(50));
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void batchesArriveAsNdjsonAndEveryEventIsCounted() throws Exception {
    try (RecordingIngestServer server = new RecordingIngestServer()) {
      DemoFleet fleet = new DemoFleet(config(server.baseUri()));
      try (fleet) {
        fleet.start();
        await("three batches", () -> server.received().size() >= 3);
      }
      FleetStats stats = fleet.stats();
      assertThat(server.received()).allSatisfy(r -> {
        assertThat(r.contentType()).isEqualTo("application/x-ndjson");
        assertThat(r.contentEncoding()).isEqualTo("gzip");
        assertThat(r.body()).endsWith("\n");
        r.lines().forEach(line -> ParsedLine.parse(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      });
      assertThat(stats.eventsAccepted()).isEqualTo(server.linesReceived()).isPositive();
      assertThat(stats.eventsGenerated()).isEqualTo(stats.eventsAccepted());
      assertThat(stats.batchesSent()).isEqualTo(server.received().size());
      assertThat(stats.eventsRejected()).isZero();
      assertThat(stats.eventsDropped()).isZero();
      assertThat(stats.retries()).isZero();
      assertThat(stats.lastError()).isNull();
      assertThat(threadsNamed("corral-demo-")).isFalse();
    }
  }

  @Test
  void aBackfillSendsTheCalmHistoryFirstThenTheLiveEvents() throws Exception {
    try (RecordingIngestServer server = new RecordingIngestServer()) {
      Instant started = Instant.now();
      DemoFleet fleet = new DemoFleet(config(server.baseUri()).withBackfill(Duration.ofMinutes(10)));
      try (fleet) {
        fleet.start();
        long history = (long) (FleetConfig.BACKFILL_EVENTS_PER_SECOND * 600);
        await("the history and some live events", () -> server.linesReceived() > history + 200);
      }
      List<Instant> stamps = server.received().stream().flatMap(received -> received.lines().stream())
          .map(line -> ParsedLine.parse(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)).json().path("timestamp"))
          .filter(timestamp -> timestamp.isTextual() && timestamp.asText().endsWith("Z")) // the ISO-stamped shapes
          .map(timestamp -> Instant.parse(timestamp.asText()))
          .toList();
      Instant tenMinutesBefore = started.minus(Duration.ofMinutes(10)).minusSeconds(1);
      assertThat(stamps.get(0)).as("the first event is from the start of the history")
          .isBetween(tenMinutesBefore, tenMinutesBefore.plusSeconds(30));
      long historical = stamps.stream().filter(t -> t.isBefore(started.minusSeconds(1))).count();
      assertThat(historical).as("about 50 events a second over 10 minutes, in the ISO-stamped shapes")
          .isBetween(600 * 10L, 600 * 60L);
      assertThat(stamps.get(stamps.size() - 1)).as("then live events").isAfter(started.minusSeconds(1));
      assertThat(fleet.stats().eventsDropped()).isZero();
    }
  }

  @Test
  void a429WithRetryAfterIsRetriedAndTheSameBatchDelivered() throws Exception {
    try (RecordingIngestServer server = new RecordingIngestServer()) {
      server.script((i, r) -> i == 0
          ? new Answer(429, "1", "{\"error\":\"indexing is behind\"}")
          : RecordingIngestServer.acceptAll(r));
      long started = System.nanoTime();
      DemoFleet fleet = new DemoFleet(config(server.baseUri()));
      try (fleet) {
        fleet.start();
        await("the retried batch", () -> server.received().size() >= 2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
      }
      Received refused = server.received().get(0);
      Received retried = server.received().get(1);
      assertThat(retried.body()).isEqualTo(refused.body());
      FleetStats stats = fleet.stats();
      assertThat(stats.retries()).isEqualTo(1);
      assertThat(stats.lastError()).contains("429");
      assertThat(stats.eventsAccepted() + stats.eventsDropped()).isEqualTo(stats.eventsGenerated());
      assertThat(stats.eventsAccepted()).isEqualTo(server.linesReceived() - refused.lines().size());
    }
  }

  @Test
  void anUnreachableServerIsRetriedUntilItComesUp() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    DemoFleet fleet = new DemoFleet(config(URI.create("http://127.0.0.1:" + port)));
    try (fleet) {
      fleet.start();
      await("a failed connection", () -> fleet.stats().retries() > 0);
      assertThat(fleet.stats().lastError()).contains("cannot reach");
      try (RecordingIngestServer server = new RecordingIngestServer(port)) {
        await("delivery after the server came up", () -> fleet.stats().eventsAccepted() > 0);
        fleet.close();
        assertThat(server.linesReceived()).isEqualTo(fleet.stats().eventsAccepted());
      }
    }
    FleetStats stats = fleet.stats();
    assertThat(stats.eventsAccepted() + stats.eventsDropped()).isEqualTo(stats.eventsGenerated());
  }

  @Test
  void whenTheServerStaysAwayTheOldestBatchesAreDroppedAndCloseStillEnds() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    DemoFleet fleet = new DemoFleet(config(URI.create("http://127.0.0.1:" + port)).withBatchInterval(
        Duration.ofMillis(10)), 4, Duration.ofMillis(300));
    fleet.start();
    await("dropped batches", () -> fleet.stats().eventsDropped() > 0);
    long before = System.nanoTime();
    fleet.close();
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(3));
    FleetStats stats = fleet.stats();
    assertThat(stats.eventsAccepted()).isZero();
    assertThat(stats.eventsDropped()).isEqualTo(stats.eventsGenerated());
    assertThat(threadsNamed("corral-demo-")).isFalse();
  }

  @Test
  void rejectedLinesAreCountedWithTheServersReason() throws Exception {
    try (RecordingIngestServer server = new RecordingIngestServer()) {
      server.script((i, r) -> new Answer(200, null, "{\"accepted\":" + (r.lines().size() - 1)
          + ",\"rejected\":1,\"errors\":[{\"line\":1,\"reason\":\"field x: too deep\"}]}"));
      DemoFleet fleet = new DemoFleet(config(server.baseUri()));
      try (fleet) {
        fleet.start();
        await("two batches", () -> fleet.stats().batchesSent() >= 2);
      }
      FleetStats stats = fleet.stats();
      assertThat(stats.eventsRejected()).isEqualTo(stats.batchesSent());
      assertThat(stats.lastError()).contains("line 1: field x: too deep");
      assertThat(stats.eventsAccepted() + stats.eventsRejected()).isEqualTo(stats.eventsGenerated());
    }
  }

  @Test
  void aServerRefusingGzipGetsPlainBodies() throws Exception {
    try (RecordingIngestServer server = new RecordingIngestServer()) {
      server.script((i, r) -> r.contentEncoding() != null
          ? new Answer(415, null, "{\"error\":\"Content-Encoding not supported\"}")
          : RecordingIngestServer.acceptAll(r));
      DemoFleet fleet = new DemoFleet(config(server.baseUri()));
      try (fleet) {
        fleet.start();
        await("a plain batch", () -> fleet.stats().batchesSent() >= 2);
      }
      assertThat(server.received().get(0).contentEncoding()).isEqualTo("gzip");
      assertThat(server.received().subList(1, server.received().size()))
          .allSatisfy(r -> assertThat(r.contentEncoding()).isNull());
      FleetStats stats = fleet.stats();
      assertThat(stats.eventsAccepted()).isEqualTo(stats.eventsGenerated());
    }
  }

  @Test
  void startTwiceFailsAndCloseWithoutStartIsANoOp() {
    DemoFleet idle = new DemoFleet(config(URI.create("http://127.0.0.1:9")));
    idle.close();
    idle.close();
    assertThatThrownBy(idle::start).isInstanceOf(IllegalStateException.class);
  }

  private static boolean threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().startsWith(prefix));
  }
}
