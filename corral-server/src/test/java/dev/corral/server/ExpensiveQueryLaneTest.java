package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, finding 4: queries estimated expensive (leading wildcards) run in a lane of their own,
 * so a simple search started while three of them run is answered before any of them finishes;
 * and an absurd one is refused before it runs. Tested by order and by the server's own account of
 * its lanes ({@code /api/v1/stats}), not by timing.
 */
class ExpensiveQueryLaneTest {
  /** Distinct trace ids: enough that one leading-wildcard query reads dictionaries for a while. */
  private static final int EVENTS = 60_000;
  private static final int ERRORS = 7;
  private static final int BATCH = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path data;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(data);
    Random random = new Random(4);
    for (int from = 0; from < EVENTS; from += BATCH) {
      StringBuilder body = new StringBuilder();
      for (int i = from; i < from + BATCH; i++) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        body.append("{\"timestamp\":\"2026-11-21T10:00:00Z\",\"level\":\"").append(i < ERRORS ? "ERROR" : "INFO")
            .append("\",\"service\":\"api\",\"message\":\"m\",\"trace_id\":\"").append(HexFormat.of().formatHex(id))
            .append("\"}\n");
      }
      assertThat(server.ingest(body.toString()).status()).isEqualTo(200);
    }
    server.awaitTotal("", EVENTS);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** {@code clauses} leading-wildcard clauses on trace_id: each reads the whole trace_id dictionary. */
  private static String leadingWildcards(int clauses) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < clauses; i++) {
      parts.add("trace_id:*" + String.format("%03x", i) + "*");
    }
    return String.join(" OR ", parts);
  }

  @Test
  void aSimpleSearchIsAnsweredWhileThreeExpensiveQueriesRun() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest expensiveQuery = HttpRequest.newBuilder(server.uri("/api/v1/query"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"q\":\"" + leadingWildcards(200) + "\",\"limit\":0}"))
        .header("Content-Type", "application/json").build();
    List<CompletableFuture<HttpResponse<String>>> expensive = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      expensive.add(http.sendAsync(expensiveQuery, HttpResponse.BodyHandlers.ofString()));
    }
    JsonNode lanes = awaitLanes(1, 2);
    assertThat(lanes.path("normal").path("running").asInt()).isZero();

    long cheapStarted = System.nanoTime();
    JsonNode cheap = server.search("level:ERROR", "&limit=0");
    long cheapMillis = (System.nanoTime() - cheapStarted) / 1_000_000;

    assertThat(cheap.path("total").asLong()).isEqualTo(ERRORS);
    assertThat(expensive).as("no expensive query had finished when the simple one was answered")
        .noneMatch(CompletableFuture::isDone);
    CompletableFuture.anyOf(expensive.toArray(CompletableFuture[]::new)).get();
    HttpResponse<String> first = expensive.stream().filter(CompletableFuture::isDone).findFirst().orElseThrow().get();
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(JSON.readTree(first.body()).path("total").asLong()).isPositive().isLessThan(EVENTS);
    System.out.printf("ExpensiveQueryLaneTest: simple search %d ms while 3 expensive queries ran; the first "
        + "expensive one took %d ms%n", cheapMillis, (System.nanoTime() - started) / 1_000_000);
    // the other two are interrupted when the server closes: their term enumerations stop at once
  }

  @Test
  void anAbsurdQueryIsRefusedWithItsEstimateAndTheLimit() {
    TestServer.Reply reply = server.send("POST", "/api/v1/query", "{\"q\":\"" + leadingWildcards(1000) + "\"}",
        "Content-Type", "application/json");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("error").asText()).contains("1000 scans of a whole terms dictionary")
        .contains("the limit is 250,000 (search.max_query_cost)");
  }

  /** Waits until the expensive lane holds {@code running} and {@code queued} queries; the lanes. */
  private static JsonNode awaitLanes(int running, int queued) throws InterruptedException {
    JsonNode lanes = null;
    for (int attempt = 0; attempt < 400; attempt++) {
      lanes = server.get("/api/v1/stats").json().path("queries");
      JsonNode lane = lanes.path("expensive");
      if (lane.path("running").asInt() == running && lane.path("queued").asInt() == queued) {
        return lanes;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("the expensive lane never held " + running + " running and " + queued + " queued: "
        + lanes);
  }
}
