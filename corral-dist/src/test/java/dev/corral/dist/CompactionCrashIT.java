package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 6 of issue 12, as it was found: corral.jar killed with SIGKILL in the middle of a
 * compaction's merge used to leave the partition labelled warm but unmerged, never retried. Now the
 * last commit says a compaction is pending, and the restarted server redoes it by itself, with
 * every event still there exactly once.
 *
 * <p>By state, not timing: the first server compacts at 1 KiB/s, so its merge of a day of 3,000
 * events runs for minutes; the kill comes once the partition's last commit on disk carries the
 * pending mark (the merge has started), and the check after the restart waits for that mark to go.
 */
class CompactionCrashIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DAY = "2026-11-19";
  private static final int EVENTS = 3_000;
  private static final int BATCH = 500;
  /** Bound on waiting for a state that must come; reaching it is a failure, not a timing threshold. */
  private static final Duration STATE_WAIT = Duration.ofSeconds(120);
  private static final List<String> NO_SOCKET_INPUTS = List.of("--set", "otlp.grpc_port=0", "--set", "syslog.udp_port=0",
      "--set", "syslog.tcp_port=0", "--set", "gelf.udp_port=0", "--set", "gelf.tcp_port=0", "--set", "fluent.port=0");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void aCompactionKilledMidMergeIsRedoneAtRestartWithEveryEventOnce(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    Path partition = data.resolve("partitions").resolve(DAY);
    List<String> crawling = new ArrayList<>(NO_SOCKET_INPUTS);
    crawling.addAll(List.of("--set", "store.compaction_max_bytes_per_sec=1KiB", "--set", "store.commit_interval=250ms"));
    try (ServerProcess slow = new ServerProcess(data, crawling)) {
      slow.start();
      for (int first = 0; first < EVENTS; first += BATCH) {
        HttpResponse<String> ingested = post(slow.url(), "/api/v1/ingest", events(first, BATCH));
        assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);
      }
      awaitTotal(slow.url(), EVENTS);
      HttpResponse<String> started = post(slow.url(), "/api/v1/admin/compact?day=" + DAY + "&wait=false", "");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      awaitCommit(partition, true);
      slow.kill();
    }
    SegmentInfos killed = latestCommit(partition);
    assertThat(killed.getUserData()).as("left by the kill").containsEntry("corral.tier", "warm")
        .containsEntry("corral.compaction", "pending");
    assertThat(killed.size()).as("segments left by the kill").isGreaterThan(1);

    try (ServerProcess restarted = new ServerProcess(data, NO_SOCKET_INPUTS)) {
      restarted.start();
      awaitCommit(partition, false);
      SegmentInfos redone = latestCommit(partition);
      assertThat(redone.size()).as("segments after the redo").isEqualTo(1);
      assertThat(redone.getUserData()).containsEntry("corral.tier", "warm");
      assertThat(total(restarted.url())).isEqualTo(EVENTS);
      JsonNode mostRepeated = query(restarted.url(), "* | stats count() as n by id | sort -n | head 1");
      assertThat(mostRepeated.path("rows").get(0).get(1).asLong()).as("copies of the most repeated event").isEqualTo(1);
    }
  }

  private static String events(int first, int count) {
    StringBuilder ndjson = new StringBuilder();
    for (int i = first; i < first + count; i++) {
      ndjson.append("{\"timestamp\":\"").append(DAY).append("T").append(String.format("%02d:%02d:%02dZ", i / 3600 % 24,
          i / 60 % 60, i % 60)).append("\",\"level\":\"info\",\"service\":\"svc-").append(i % 4)
          .append("\",\"message\":\"request ").append(i).append(" served\",\"id\":\"e").append(i).append("\"}\n");
    }
    return ndjson.toString();
  }

  /** Waits until the partition's last commit has (or no longer has) the pending compaction mark. */
  private static void awaitCommit(Path partition, boolean pending) throws Exception {
    long deadline = System.nanoTime() + STATE_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(partition)) {
        try {
          if (latestCommit(partition).getUserData().containsKey("corral.compaction") == pending) {
            return;
          }
        } catch (IOException beingWritten) {
          // a commit in progress: look again
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the last commit of " + partition + (pending ? " never" : " still")
        + " says a compaction is pending after " + STATE_WAIT);
  }

  private static SegmentInfos latestCommit(Path partition) throws IOException {
    try (FSDirectory directory = FSDirectory.open(partition)) {
      return SegmentInfos.readLatestCommit(directory);
    }
  }

  private void awaitTotal(URI url, long expected) throws Exception {
    long deadline = System.nanoTime() + STATE_WAIT.toNanos();
    while (total(url) != expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("searchable events never reached " + expected);
      }
      Thread.sleep(50);
    }
  }

  private long total(URI url) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve("/api/v1/search?limit=0&q=*")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).path("total").asLong();
  }

  private JsonNode query(URI url, String query) throws IOException, InterruptedException {
    HttpResponse<String> response = post(url, "/api/v1/query", JSON.writeValueAsString(Map.of("q", query)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> post(URI url, String path, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(url.resolve(path)).header("Content-Type",
            path.endsWith("ingest") ? "application/x-ndjson" : "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
