package dev.corral.server.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of an erasure: a server in a child JVM ({@link ErasingServerChild}) stops
 * after the first of three days, is killed there, and the server restarted on the same data
 * directory finds the erasure unfinished in its log and resumes it: every matching event of every
 * day is gone, the others stay, and the log tells the whole story. By state (a marker file the
 * child writes at the step, the log's lines), not timing.
 */
class ErasureCrashTest {
  /** Give-up bound for a child JVM to start, or to reach a step it must reach. */
  private static final long GIVE_UP_SECONDS = 120;
  private static final List<String> DAYS = List.of("2026-11-17", "2026-11-18", "2026-11-19");

  @TempDir Path dir;
  private Process child;

  @AfterEach
  void stop() throws Exception {
    if (child != null) {
      child.destroyForcibly().waitFor();
    }
  }

  @Test
  void anErasureKilledBetweenDaysIsResumedAtRestartAndNothingIsLeftHalfDeletedWithoutARecord() throws Exception {
    Path data = dir.resolve("data");
    Path marker = dir.resolve("first-day-done");
    child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
        System.getProperty("java.class.path"), ErasingServerChild.class.getName(), data.toString(), marker.toString())
        .redirectError(dir.resolve("child.err").toFile()).start();
    URI url = childUrl();
    HttpClient http = HttpClient.newHttpClient();
    StringBuilder events = new StringBuilder();
    DAYS.forEach(day -> events.append(ErasureApiTest.events(day, 30)));
    assertThat(http.send(HttpRequest.newBuilder(url.resolve("/api/v1/ingest")).header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString(events.toString())).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode()).isEqualTo(200);
    http.sendAsync(HttpRequest.newBuilder(url.resolve(ErasureService.PATH)).POST(HttpRequest.BodyPublishers.ofString(
        ErasureApiTest.erasure("user:alice", DAYS.get(0), DAYS.get(2)))).build(), HttpResponse.BodyHandlers.discarding());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
    while (!Files.exists(marker)) {
      assertThat(System.nanoTime()).as("the child finished the first day").isLessThan(deadline);
      assertThat(child.isAlive()).as("the child runs; " + dir.resolve("child.err")).isTrue();
      Thread.sleep(20);
    }
    child.destroyForcibly(); // SIGKILL: no shutdown hook
    assertThat(child.waitFor(GIVE_UP_SECONDS, TimeUnit.SECONDS)).isTrue();
    List<String> cut = Files.readAllLines(data.resolve("erasure/erasures.ndjson"));
    assertThat(cut).as("started and the first day, then the kill").hasSize(2);
    assertThat(cut.get(1)).contains("\"day\":\"" + DAYS.get(0) + "\"");

    try (TestServer server = TestServer.start(data)) {
      JsonNode log = awaitFinished(server);
      assertThat(log).extracting(line -> line.path("type").asText() + " " + line.path("day").asText(""))
          .containsExactly("started ", "day " + DAYS.get(0), "resumed ", "day " + DAYS.get(1), "day " + DAYS.get(2),
              "finished ");
      assertThat(log.get(3).path("events").asLong()).isEqualTo(10);
      assertThat(log.get(4).path("events").asLong()).isEqualTo(10);
      assertThat(log.get(5).path("outcome").asText()).isEqualTo("completed");
      server.awaitTotal("user:bob", 60);
      assertThat(server.search("user:alice").path("total").asLong()).as("no alice event in any day").isZero();
    }
  }

  private static JsonNode awaitFinished(TestServer server) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
    while (true) {
      JsonNode log = server.get(ErasureService.PATH).json().path("log");
      if (log.size() > 0 && log.get(log.size() - 1).path("type").asText().equals("finished")) {
        return log;
      }
      assertThat(System.nanoTime()).as("the resumed erasure finished: " + log).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private URI childUrl() throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("url=")) {
        return URI.create(line.substring("url=".length()));
      }
    }
    throw new AssertionError("the child exited before it was ready; see its stderr in " + dir);
  }
}
