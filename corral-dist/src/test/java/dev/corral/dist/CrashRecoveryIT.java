package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability is the product: runs corral.jar as a child process, ingests from several concurrent
 * clients, kills it with SIGKILL at random moments over several rounds, restarts it on the same
 * data, and checks that every acknowledged batch is searchable exactly once — and that a batch
 * whose answer was lost in the crash is either wholly present once or wholly absent. Each request
 * spreads its events over several days, so a crash can land between the commits of two partitions.
 *
 * <p>Randomized: the seed is printed; rerun with {@code -Dcorral.seed=N}. The outcome does not
 * depend on timing: whatever moment the kill lands on, the assertions must hold.
 */
class CrashRecoveryIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROUNDS = 6;
  /** Events spread over this many UTC days, so one request spans several partitions and commit rounds cover several. */
  private static final int DAYS = 3;
  private static final int CLIENTS = 4;
  private static final int MAX_BATCH = 40;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void acknowledgedEventsSurviveKill9(@TempDir Path tmp) throws Exception {
    long seed = Long.getLong("corral.seed", System.nanoTime());
    System.out.println("CrashRecoveryIT seed=" + seed + " (rerun with -Dcorral.seed=" + seed + ")");
    Random random = new Random(seed);
    Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    Map<String, Integer> attempted = new ConcurrentHashMap<>();
    ServerProcess server = new ServerProcess(tmp.resolve("data"),
        List.of("--set", "store.commit_interval=250ms", "--set", "wal.segment_bytes=1MiB", "--set", "otlp.grpc_port=0",
            "--set", "syslog.udp_port=0", "--set", "syslog.tcp_port=0", "--set", "gelf.udp_port=0",
            "--set", "gelf.tcp_port=0", "--set", "fluent.port=0"));
    try (server) {
      for (int round = 0; round < ROUNDS; round++) {
        server.start();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          String prefix = "r" + round + "-c" + c;
          long clientSeed = random.nextLong();
          clients.add(Thread.ofVirtual().start(() -> sendUntilStopped(server.url(), prefix, new Random(clientSeed),
              running, attempted, acknowledged)));
        }
        Thread.sleep(400 + random.nextInt(1600));
        server.kill();
        running.set(false);
        for (Thread client : clients) {
          client.join();
        }
      }
      server.start();
      assertThat(acknowledged).as("batches acknowledged before the kills").isNotEmpty();
      for (Map.Entry<String, Integer> batch : attempted.entrySet()) {
        long found = count(server.url(), batch.getKey());
        if (acknowledged.containsKey(batch.getKey())) {
          assertThat(found).as("acknowledged batch %s (seed %d)", batch.getKey(), seed).isEqualTo(batch.getValue().longValue());
        } else {
          assertThat(found).as("unacknowledged batch %s is all or nothing (seed %d)", batch.getKey(), seed)
              .isIn(0L, (long) batch.getValue());
        }
      }
      System.out.printf("CrashRecoveryIT: %d batches acknowledged, %d attempted, over %d kills%n",
          acknowledged.size(), attempted.size(), ROUNDS);
    }
  }

  private void sendUntilStopped(URI url, String prefix, Random random, AtomicBoolean running,
      Map<String, Integer> attempted, Map<String, Integer> acknowledged) {
    for (int n = 0; running.get(); n++) {
      String batchId = prefix + "-b" + n;
      int size = 1 + random.nextInt(MAX_BATCH);
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < size; i++) {
        Instant timestamp = Instant.now().minus(Duration.ofDays(random.nextInt(DAYS)));
        body.append("{\"timestamp\":\"").append(timestamp).append("\",\"level\":\"INFO\",\"service\":\"crash-test\",")
            .append("\"message\":\"event ").append(i).append(" of ").append(batchId).append("\",\"batch_id\":\"")
            .append(batchId).append("\",\"seq\":").append(i).append("}\n");
      }
      attempted.put(batchId, size);
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve("/api/v1/ingest"))
                .header("Content-Type", "application/x-ndjson").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && JSON.readTree(response.body()).path("accepted").asInt() == size) {
          acknowledged.put(batchId, size);
        }
      } catch (IOException killed) {
        return; // the server died under us: this batch's fate is unknown, which the check allows
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private long count(URI url, String batchId) throws IOException, InterruptedException {
    String query = URLEncoder.encode("batch_id:\"" + batchId + "\"", StandardCharsets.UTF_8);
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve("/api/v1/search?limit=0&q=" + query))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    return body.path("total").asLong();
  }
}
