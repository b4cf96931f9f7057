package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest.max_pending_events} holds under concurrent requests: admission counts what the
 * requests in flight are about to add (the four concurrent 1M-event bodies pushed the
 * backlog to 2,000,000 against 100,000; here scaled to 1,000). A body larger than the bound alone
 * is taken once nothing else waits: slow, never refused forever.
 */
class BacklogBoundTest {
  private static final int MAX_PENDING = 1000;
  /** A client that retries a 429 at once: the test is about the bound, not about patience. */
  private static final int MAX_ATTEMPTS = 5000;

  @TempDir
  Path data;
  TestServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void concurrentBodiesNeverPushTheBacklogPastTheBound() throws Exception {
    server = start();
    int bodies = 12;
    int events = 900;
    sendConcurrently(bodies, events, "fits");
    server.awaitTotal("service:fits", (long) bodies * events);
    assertThat(highWater()).as("largest indexing backlog seen").isPositive().isLessThanOrEqualTo(MAX_PENDING);
  }

  @Test
  void bodiesLargerThanTheBoundAreTakenOneAtATimeAndAllSucceed() throws Exception {
    server = start();
    int bodies = 4;
    int events = 5 * MAX_PENDING;
    sendConcurrently(bodies, events, "huge");
    server.awaitTotal("service:huge", (long) bodies * events);
    assertThat(highWater()).as("one oversize body at a time, never two").isLessThanOrEqualTo(events);
  }

  private TestServer start() throws Exception {
    return TestServer.start(data, Map.of("ingest.max_pending_events", String.valueOf(MAX_PENDING),
        "ingest.target_pending_events", String.valueOf(MAX_PENDING / 2), "store.indexer_threads", "1"));
  }

  private long highWater() {
    return server.get("/api/v1/stats").json().path("pending_events_high_water").asLong();
  }

  /** Sends the bodies at once, each retried on 429 until taken; returns the attempts each needed. */
  private List<Integer> sendConcurrently(int bodies, int events, String service) throws Exception {
    byte[] body = body(events, service);
    List<Callable<Integer>> senders = new ArrayList<>();
    for (int i = 0; i < bodies; i++) {
      senders.add(() -> {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
          TestServer.Reply reply = server.post("/api/v1/ingest", body, "Content-Type", "application/x-ndjson");
          if (reply.status() == 200) {
            assertThat(reply.json().path("accepted").asInt()).isEqualTo(events);
            return attempt;
          }
          assertThat(reply.status()).as(reply.body()).isEqualTo(429);
          assertThat(reply.header("Retry-After")).isNotBlank();
          Thread.sleep(5);
        }
        throw new AssertionError("a body of " + events + " events was refused " + MAX_ATTEMPTS + " times");
      });
    }
    List<Integer> attempts = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Future<Integer> sent : pool.invokeAll(senders)) {
        attempts.add(sent.get());
      }
    }
    return attempts;
  }

  private static byte[] body(int events, String service) {
    StringBuilder text = new StringBuilder(events * 60);
    for (int i = 0; i < events; i++) {
      text.append("{\"service\":\"").append(service).append("\",\"message\":\"event ").append(i).append("\"}\n");
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
