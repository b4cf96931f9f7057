package dev.corral.ship.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.KafkaTopics;
import dev.corral.server.TestServer;
import dev.corral.ship.status.StatusServer;
import dev.corral.ship.testing.LogFiles;
import dev.corral.ship.testing.ShipperProcess;
import dev.corral.testkafka.KafkaTestBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement, not a test threshold: lines/s of a shipper process catching up on a large file of JSON lines
 * and delivering it to a real Corral, and its CPU (utime + stime of the child from {@code /proc/<pid>/stat}),
 * from which lines per CPU-second (per core). On demand only:
 * {@code ./mvnw -q -B -pl corral-ship -am test -Dtest=ShipperThroughputTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dcorral.perf=true [-Dcorral.ship.lines=2000000]}, to Corral and to a Kafka topic. The figures go to docs/ship.md
 * "Measured".
 */
@EnabledIfSystemProperty(named = "corral.perf", matches = "true")
class ShipperThroughputTest {
  private static final long LINES = Long.getLong("corral.ship.lines", 1_000_000);

  @TempDir
  Path dir;

  @Test
  void measuresLinesPerSecondAndPerCpuSecondOfTheShipperProcess() throws Exception {
    Path log = dir.resolve("big.log");
    LogFiles.append(log, "shipbench", 1, LINES);
    try (TestServer server = TestServer.start(dir.resolve("server"),
        Map.of("ingest.max_pending_events", "200000", "ingest.target_pending_events", "50000"))) {
      measure("corral", "{url: \"" + server.uri("") + "\"}", log);
    }
  }

  /** The same file to a topic of a real one-node broker (3 partitions, keyed by service) with {@code output.kafka}. */
  @Test
  void measuresLinesPerSecondIntoKafka() throws Exception {
    Path log = dir.resolve("big.log");
    LogFiles.append(log, "shipbench", 1, LINES);
    try (KafkaTestBroker broker = KafkaTestBroker.start(dir.resolve("broker"));
        KafkaTopics topics = new KafkaTopics(broker.bootstrapServers())) {
      topics.create("bench", 3);
      measure("kafka", "{kafka: {bootstrap_servers: \"" + broker.bootstrapServers() + "\", topic: bench}}", log);
    }
  }

  private void measure(String name, String output, Path log) throws Exception {
    long size = Files.size(log);
    int statusPort;
    try (ServerSocket free = new ServerSocket(0)) {
      statusPort = free.getLocalPort();
    }
    Path config = Files.writeString(dir.resolve("ship.yaml"), """
        output: %s
        inputs: [{paths: ["%s"]}]
        registry: "%s"
        status: {listen: "127.0.0.1:%d"}
        """.formatted(output, log, dir.resolve("registry"), statusPort));
    try (ShipperProcess shipper = ShipperProcess.start(config, dir.resolve("shipper.out"), "-Xmx512m")) {
      HttpClient http = HttpClient.newHttpClient();
      JsonNode status = null;
      while (status == null) {
        assertThat(shipper.isAlive()).as(shipper.printed()).isTrue();
        status = status(http, statusPort);
        Thread.sleep(status == null ? 50 : 0);
      }
      double cpuAtStart = shipper.cpuSeconds();
      long startNanos = System.nanoTime();
      while (status.path("sources").path(0).path("acknowledged").asLong() < size) {
        assertThat(shipper.isAlive()).as(shipper.printed()).isTrue();
        Thread.sleep(100);
        status = status(http, statusPort);
      }
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      double cpu = shipper.cpuSeconds() - cpuAtStart;
      System.out.printf("ShipperThroughputTest output=%s lines=%d bytes=%d wall_s=%.1f lines_per_s=%.0f cpu_s=%.1f "
              + "lines_per_cpu_s=%.0f cores_used=%.2f startup_cpu_s=%.1f sent=%d%n", name, LINES, size, seconds,
          LINES / seconds, cpu, LINES / cpu, cpu / seconds, cpuAtStart,
          status.path("delivery").path("sent_events").asLong());
      assertThat(status.path("delivery").path("sent_events").asLong()).isEqualTo(LINES);
    }
  }

  private static JsonNode status(HttpClient http, int port) throws InterruptedException {
    try {
      return StatusServer.JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/status")).build(), HttpResponse.BodyHandlers.ofString()).body());
    } catch (IOException e) {
      return null;
    }
  }
}
