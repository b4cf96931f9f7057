package dev.corral.ship.run;

import static dev.corral.ship.testing.ShipperStates.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.TestServer;
import dev.corral.ship.config.ShipConfig;
import dev.corral.ship.run.ConfiguredInputs;
import dev.corral.ship.status.StatusReport;
import dev.corral.ship.testing.Counted;
import dev.corral.ship.testing.LogFiles;
import dev.corral.ship.testing.RecordingReceiver.Answer;
import dev.corral.ship.testing.RecordingReceiver;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output away for a while: batches go to the disk spool (and are acknowledged to their sources), and when
 * the server is back everything arrives exactly once. The outage lasts {@code corral.ship.down_seconds} (5 s in
 * {@code ./mvnw verify}, 60 s with {@code -Dcorral.perf=true}).
 */
class ServerDownAndBackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long DOWN_SECONDS = Long.getLong("corral.ship.down_seconds",
      Boolean.getBoolean("corral.perf") ? 60 : 5);
  /** Lines the application writes per 100 ms while the server is down. */
  private static final int LINES_PER_TICK = 50;

  @TempDir
  Path dir;

  @Test
  void everythingWrittenWhileTheServerIsDownArrivesExactlyOnceWhenItIsBack() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Map<String, String> settings = Map.of("http.port", String.valueOf(port));
    Path log = dir.resolve("app.log");
    long written = 1_000;
    LogFiles.append(log, "shipdown", 1, written);
    TestServer server = TestServer.start(dir.resolve("server"), settings);
    Shipper shipper = Shipper.start(ShipConfig.parse("""
        output: {url: "http://127.0.0.1:%d", flush_interval: 100ms, batch_events: 200, timeout: 5s}
        inputs: [{paths: ["%s"]}]
        registry: "%s"
        spool: {after: 1s}
        status: {listen: "off"}
        """.formatted(port, log, dir.resolve("registry"))), new ConfiguredInputs());
    try {
      server.awaitTotal("service:shipdown", written);
      server.close();
      long downUntil = System.nanoTime() + Duration.ofSeconds(DOWN_SECONDS).toNanos();
      while (System.nanoTime() < downUntil) {
        LogFiles.append(log, "shipdown", written + 1, written + LINES_PER_TICK);
        written += LINES_PER_TICK;
        Thread.sleep(100);
      }
      StatusReport whileDown = await(shipper, status -> status.spool().batches() > 0);
      assertThat(whileDown.delivery().spooledEvents()).isPositive();
      long end = Files.size(log);
      await(shipper, status -> acknowledged(status) == end);

      server = TestServer.start(dir.resolve("server"), settings);
      LogFiles.append(log, "shipdown", written + 1, written + 500);
      written += 500;
      long last = Files.size(log);
      // the spool drains one batch per request: a minute's outage takes a while on a loaded machine
      StatusReport after = await(shipper, status -> status.spool().batches() == 0
          && acknowledged(status) == last, Duration.ofSeconds(60 + 2 * DOWN_SECONDS));
      assertThat(after.spool().droppedEvents()).isZero();
      server.awaitTotal("service:shipdown", written);
      assertThat(Counted.of(server, "shipdown", written)).isEqualTo(new Counted(0, 1, 0));
    } finally {
      shipper.stop(Duration.ofSeconds(5));
      server.close();
    }
  }

  @Test
  void aFullSpoolDropsItsOldestBatchesAndCountsTheirEvents() throws Exception {
    try (RecordingReceiver receiver = RecordingReceiver.start((index, request) ->
        new Answer(503, "{\"status\":503,\"error\":\"down for the test\"}", "Retry-After", "1"))) {
      Path log = dir.resolve("app.log");
      Shipper shipper = Shipper.start(ShipConfig.parse("""
          output: {url: "%s", flush_interval: 50ms, batch_events: 100}
          inputs: [{paths: ["%s"]}]
          registry: "%s"
          spool: {after: 100ms, max_bytes: 6KiB}
          status: {listen: "off"}
          """.formatted(receiver.url(), log, dir.resolve("registry"))), new ConfiguredInputs());
      try {
        LogFiles.append(log, "shipfull", 1, 2_000);
        long end = Files.size(log);
        StatusReport status = await(shipper, report -> acknowledged(report) == end);
        assertThat(status.spool().bytes()).isLessThanOrEqualTo(6 * 1024);
        assertThat(status.spool().droppedEvents()).isPositive();
        assertThat(status.spool().droppedEvents() + status.spool().events()).isEqualTo(2_000);
      } finally {
        shipper.stop(Duration.ofSeconds(1));
      }
    }
  }

  @Test
  void aStopWhileTheServerIsAwaySpoolsTheLastBatchAndTheNextRunSendsItFirst() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean();
    try (RecordingReceiver receiver = RecordingReceiver.start((index, request) -> up.get()
        ? RecordingReceiver.corralAccepted(request) : new Answer(503, "{\"status\":503,\"error\":\"away\"}"))) {
      Path log = dir.resolve("app.log");
      LogFiles.append(log, "shipstop", 1, 30);
      String yaml = """
          output: {url: "%s", flush_interval: 50ms}
          inputs: [{paths: ["%s"]}]
          registry: "%s"
          spool: {after: 10m}
          status: {listen: "off"}
          """.formatted(receiver.url(), log, dir.resolve("registry"));
      Shipper first = Shipper.start(ShipConfig.parse(yaml), new ConfiguredInputs());
      await(first, status -> status.delivery().retries() > 0);
      assertThat(first.stop(Duration.ofMillis(300))).isTrue();
      StatusReport stopped = first.status();
      assertThat(stopped.spool().batches()).isEqualTo(1);
      assertThat(stopped.sources().get(0).acknowledged()).isEqualTo(Files.size(log));

      up.set(true);
      int before = receiver.received().size();
      LogFiles.append(log, "shipstop", 31, 40);
      Shipper second = Shipper.start(ShipConfig.parse(yaml), new ConfiguredInputs());
      try {
        await(second, status -> acknowledged(status) == sizeOf(log)
            && status.spool().batches() == 0);
        List<String> delivered = receiver.received().subList(before, receiver.received().size()).stream()
            .flatMap(request -> request.lines().stream()).map(ServerDownAndBackTest::messageOf).toList();
        assertThat(delivered).as("the spooled batch first, then the new lines, in file order")
            .isEqualTo(Files.readAllLines(log).stream().map(ServerDownAndBackTest::messageOf).toList());
      } finally {
        second.stop(Duration.ofSeconds(5));
      }
    }
  }

  /** The one source's acknowledged offset, or -1 before the input has found its file. */
  private static long acknowledged(StatusReport status) {
    return status.sources().isEmpty() ? -1 : status.sources().get(0).acknowledged();
  }

  /** A shipped line's message (the file input adds fields such as {@code log.file.path} to the line it read). */
  private static String messageOf(String json) {
    try {
      return JSON.readTree(json).path("message").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
