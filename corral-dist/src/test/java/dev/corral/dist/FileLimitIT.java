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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The partition explosion of issue 12 as a permanent test: corral.jar under {@code ulimit -n 256}
 * (socket inputs and OTLP/gRPC off) takes one request of 1,500 events, each on its own UTC day
 * between 1700 and 1820 — 1,500 day partitions. The store must stay within the file limit (at most
 * {@code store.max_open_writers} writers open), stay ready, and after a kill -9 right after the
 * acknowledgement (the replay opens every day again) and after a clean restart find every event
 * exactly once.
 *
 * <p>The data directory goes to /dev/shm when there is one: each day costs a Lucene commit, whose
 * fsyncs are not what this test is about and take ~50 ms each on a slow disk.
 */
class FileLimitIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int OPEN_FILE_LIMIT = 256;
  private static final int DAYS = 1500;
  private static final LocalDate FIRST_DAY = LocalDate.of(1700, 1, 2);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void oneRequestOnDistinctDaysStaysWithinTheFileLimitAndIsFoundExactlyOnceAfterRestarts(@TempDir Path tmp)
      throws Exception {
    Path base = fastDirectory(tmp);
    ServerProcess server = new ServerProcess(base.resolve("data"), List.of("--set", "otlp.grpc_port=-1",
        "--set", "syslog.udp_port=-1", "--set", "syslog.tcp_port=-1", "--set", "gelf.udp_port=-1",
        "--set", "gelf.tcp_port=-1", "--set", "fluent.port=-1", "--set", "store.commit_interval=1s"), OPEN_FILE_LIMIT);
    try (server) {
      server.start();
      HttpResponse<String> ingest = post(server.url(), "/api/v1/ingest", daySpray());
      assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(200);
      assertThat(JSON.readTree(ingest.body()).path("accepted").asInt()).isEqualTo(DAYS);
      server.kill(); // before most of it is indexed: the restart replays the whole request

      server.start();
      assertEveryEventOnce(server);
      System.out.printf("FileLimitIT: %d days after kill -9 and replay, %d files open (limit %d)%n", DAYS,
          server.openFiles(), OPEN_FILE_LIMIT);
      assertThat(get(server.url(), "/ready").statusCode()).as(server.log()).isEqualTo(200);
      assertThat(JSON.readTree(get(server.url(), "/health").body()).path("status").asText()).isEqualTo("ok");

      server.close();
      server.start();
      assertEveryEventOnce(server);
    } finally {
      if (!base.equals(tmp)) {
        deleteRecursively(base);
      }
    }
  }

  /** One event per day, every 29 days from 1700-01-05 (as the reproduction), each with its number. */
  private static String daySpray() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < DAYS; i++) {
      LocalDate day = FIRST_DAY.plusDays(i * 29L + 3);
      body.append("{\"timestamp\":\"").append(day).append("T00:00:00Z\",\"service\":\"days\",\"message\":\"day spray\",")
          .append("\"seq\":").append(i).append("}\n");
    }
    return body.toString();
  }

  /** Waits until all events are searchable, then checks each of them is there once. */
  private void assertEveryEventOnce(ServerProcess server) throws Exception {
    long total = -1;
    for (int attempt = 0; attempt < 600 && total != DAYS; attempt++) {
      total = search(server.url(), "service:days").path("total").asLong();
      if (total != DAYS) {
        Thread.sleep(100);
      }
    }
    assertThat(total).as("events found; log:%n%s", server.log()).isEqualTo(DAYS);
    JsonNode table = search(server.url(), "service:days | stats count() by seq");
    JsonNode rows = table.path("rows");
    assertThat(rows.size()).as("distinct seq values").isEqualTo(DAYS);
    for (JsonNode row : rows) {
      assertThat(row.get(1).asLong()).as("copies of seq %s", row.get(0)).isEqualTo(1);
    }
  }

  private JsonNode search(URI url, String query) throws IOException, InterruptedException {
    HttpResponse<String> response = get(url, "/api/v1/search?limit=0&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> get(URI url, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(url.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(URI url, String path, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(url.resolve(path)).header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Path fastDirectory(Path fallback) throws IOException {
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      return Files.createTempDirectory(shm, "corral-file-limit-it");
    }
    return fallback;
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }
}
