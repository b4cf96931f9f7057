package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/tail} with {@code Last-Event-ID}: ids are WAL positions, and a client that
 * comes back with one gets exactly the matching events it missed, then the live stream.
 */
class TailResumeTest {
  /** Generous: only a machine under heavy load needs more than a second. */
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String FILTER = "service:payment";
  @TempDir
  Path data;
  TestServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void idsAreWalPositionsThatGrowWithEveryRecordTheTailAccountsFor() throws Exception {
    server = TestServer.start(data);
    try (SseClient tail = open(FILTER)) {
      List<Long> ids = new ArrayList<>();
      List<Long> idsWithEvents = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ingest("payment", "paid " + i);
        ingest("billing", "not tailed " + i);
        SseClient.Message message;
        do {
          message = tail.next("events", WAIT);
          ids.add(Long.parseLong(message.id()));
        } while (message.json().path("events").isEmpty());
        idsWithEvents.add(Long.parseLong(message.id()));
      }
      assertThat(ids).as("every events message carries an id").isSorted();
      assertThat(idsWithEvents).as("each new event moves the id on").doesNotHaveDuplicates().isSorted();
      long end = server.get("/api/v1/stats").json().path("wal").path("end_position").asLong();
      SseClient.Message settled = awaitMessage(tail, m -> Long.parseLong(m.id()) == end);
      assertThat(settled.id()).as("the non-matching records are accounted for too").isEqualTo(String.valueOf(end));
    }
  }

  @Test
  void resumingWithLastEventIdReplaysExactlyTheMissedMatchingEventsThenGoesLive() throws Exception {
    server = TestServer.start(data);
    String lastSeen;
    try (SseClient first = open(FILTER)) {
      ingest("payment", "before the break");
      SseClient.Message message = awaitMessage(first, m -> !m.json().path("events").isEmpty());
      assertThat(messages(message)).containsExactly("before the break");
      lastSeen = message.id();
    }
    ingest("payment", "missed 1");
    ingest("billing", "missed but not matching");
    ingest("payment", "missed 2");
    try (SseClient resumed = open(FILTER, "Last-Event-ID", lastSeen)) {
      List<String> seen = new ArrayList<>();
      SseClient.Message replayed = awaitMessage(resumed, m -> {
        seen.addAll(messages(m));
        return seen.size() >= 2;
      });
      assertThat(seen).containsExactly("missed 1", "missed 2");
      ingest("payment", "live again");
      awaitMessage(resumed, m -> {
        seen.addAll(messages(m));
        return seen.size() >= 3;
      });
      assertThat(seen).as("no event twice, none left out").containsExactly("missed 1", "missed 2", "live again");
      assertThat(Long.parseLong(replayed.id())).isGreaterThan(Long.parseLong(lastSeen));
    }
  }

  @Test
  void theQueryParameterResumesLikeTheHeaderAndTheHeaderWins() throws Exception {
    server = TestServer.start(data);
    long start = endPosition();
    ingest("payment", "first");
    long afterFirst = endPosition();
    ingest("payment", "second");
    try (SseClient byParameter = SseClient.open(http, server.uri("/api/v1/tail?q=" + encode(FILTER)
        + "&last_event_id=" + start))) {
      assertThat(replayedMessages(byParameter, 2)).containsExactly("first", "second");
    }
    try (SseClient both = SseClient.open(http, server.uri("/api/v1/tail?q=" + encode(FILTER) + "&last_event_id="
        + start), "Last-Event-ID", String.valueOf(afterFirst))) {
      assertThat(replayedMessages(both, 1)).as("an EventSource's reconnect sends a newer id than its URL")
          .containsExactly("second");
    }
  }

  @Test
  void aPositionTheWalNoLongerHoldsIsAnnouncedAsAGapThenTheRestIsReplayed() throws Exception {
    server = TestServer.start(data, Map.of("store.commit_interval", "100ms", "wal.segment_bytes", "1MiB"));
    String filler = "x".repeat(1000);
    StringBuilder batch = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      batch.append("{\"service\":\"billing\",\"message\":\"").append(filler).append("\"}\n");
    }
    for (int request = 0; request < 4; request++) {
      assertThat(server.ingest(batch.toString()).status()).isEqualTo(200);
    }
    ingest("payment", "still in the log");
    server.awaitTotal("", 1601);
    long start = awaitWal(w -> w.path("start_position").asLong() > 0).path("start_position").asLong();
    try (SseClient resumed = open(FILTER, "Last-Event-ID", "0")) {
      SseClient.Message gap = resumed.next("gap", WAIT);
      assertThat(gap.json().path("reason").asText()).isEqualTo("wal_trimmed");
      assertThat(gap.json().path("from").asLong()).isZero();
      assertThat(gap.json().path("to").asLong()).isEqualTo(start);
      assertThat(gap.json().path("message").asText()).contains("no longer holds");
      assertThat(gap.id()).isEqualTo(String.valueOf(start));
      assertThat(replayedMessages(resumed, 1)).containsExactly("still in the log");
    }
  }

  @Test
  void theReplayStopsAtItsBoundAndAnnouncesTheRestThenGoesLive() throws Exception {
    server = TestServer.start(data, Map.of("tail.max_replay_events", "3"));
    long start = endPosition();
    for (int i = 1; i <= 5; i++) {
      ingest("payment", "event " + i);
    }
    long end = endPosition();
    try (SseClient resumed = open(FILTER, "Last-Event-ID", String.valueOf(start))) {
      List<String> seen = new ArrayList<>();
      SseClient.Message gap = awaitMessage(resumed, m -> {
        seen.addAll(messages(m));
        return m.event().equals("gap");
      });
      assertThat(seen).as("the first three, whole records").containsExactly("event 1", "event 2", "event 3");
      assertThat(gap.json().path("reason").asText()).isEqualTo("replay_limit");
      assertThat(gap.json().path("from").asLong()).isGreaterThan(start).isLessThan(end);
      assertThat(gap.json().path("to").asLong()).isEqualTo(end);
      assertThat(gap.json().path("message").asText()).contains("tail.max_replay_events");
      ingest("payment", "event 6");
      awaitMessage(resumed, m -> {
        seen.addAll(messages(m));
        return seen.size() >= 4;
      });
      assertThat(seen).as("events 4 and 5 are in the gap, not sent late").containsExactly("event 1", "event 2",
          "event 3", "event 6");
    }
  }

  @Test
  void aLastEventIdThatIsNoPositionIsRefusedBeforeAnyStream() throws Exception {
    server = TestServer.start(data);
    ingest("payment", "one record");
    for (String bad : List.of("abc", "-5", "99999999999999999999", "12.5", "3")) {
      TestServer.Reply refused = server.send("GET", "/api/v1/tail?q=" + encode(FILTER), null, "Last-Event-ID", bad);
      assertThat(refused.status()).as("Last-Event-ID %s", bad).isEqualTo(400);
      assertThat(refused.json().path("error").asText()).as("Last-Event-ID %s", bad).contains("Last-Event-ID");
    }
    TestServer.Reply badParameter = server.get("/api/v1/tail?q=" + encode(FILTER) + "&last_event_id=x");
    assertThat(badParameter.status()).isEqualTo(400);
    assertThat(badParameter.json().path("error").asText()).contains("last_event_id").contains("'x'");
    assertThat(server.get("/api/v1/stats").json().path("tail").path("subscribers").asInt()).isZero();
  }

  @Test
  void aPositionPastTheEndOfTheLogIsAnnouncedAndTheTailStartsFromNow() throws Exception {
    server = TestServer.start(data);
    ingest("payment", "before");
    long foreign = 1L << 50;
    try (SseClient resumed = open(FILTER, "Last-Event-ID", String.valueOf(foreign))) {
      SseClient.Message gap = resumed.next("gap", WAIT);
      assertThat(gap.json().path("reason").asText()).isEqualTo("unknown_position");
      assertThat(gap.json().path("from").asLong()).isEqualTo(foreign);
      assertThat(gap.json().path("to").asLong()).isEqualTo(endPosition());
      ingest("payment", "after");
      assertThat(replayedMessages(resumed, 1)).containsExactly("after");
    }
  }

  private SseClient open(String filter, String... headers) throws Exception {
    SseClient tail = SseClient.open(http, server.uri("/api/v1/tail?q=" + encode(filter)), headers);
    assertThat(tail.response().statusCode()).isEqualTo(200);
    return tail;
  }

  private void ingest(String service, String message) {
    assertThat(server.ingest("{\"service\":\"" + service + "\",\"message\":\"" + message + "\"}").status())
        .isEqualTo(200);
  }

  private long endPosition() {
    return server.get("/api/v1/stats").json().path("wal").path("end_position").asLong();
  }

  /** The messages of the first {@code count} events the tail sends. */
  private static List<String> replayedMessages(SseClient tail, int count) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    awaitMessage(tail, m -> {
      seen.addAll(messages(m));
      return seen.size() >= count;
    });
    return seen;
  }

  /** The first events or gap message {@code reached} accepts (it sees every one before it, in order). */
  private static SseClient.Message awaitMessage(SseClient tail, Predicate<SseClient.Message> reached)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      SseClient.Message message = tail.next(WAIT);
      if ((message.event().equals("events") || message.event().equals("gap")) && reached.test(message)) {
        return message;
      }
    }
    throw new AssertionError("no such message within " + WAIT);
  }

  private static List<String> messages(SseClient.Message message) {
    List<String> texts = new ArrayList<>();
    if (message.event().equals("events")) {
      message.json().path("events").forEach(event -> texts.add(event.path("message").asText()));
    }
    return texts;
  }

  private JsonNode awaitWal(Predicate<JsonNode> reached) throws InterruptedException {
    JsonNode wal = null;
    for (int poll = 0; poll < 400; poll++) {
      wal = server.get("/api/v1/stats").json().path("wal");
      if (reached.test(wal)) {
        return wal;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the WAL never reached the expected state; last " + wal);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
