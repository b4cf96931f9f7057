package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code corral tail} against a real server, its stdout read as {@code | head -n} would. */
class TailCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Generous: only a machine under heavy load needs more than a few seconds. */
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** How often {@link Run#exitNudging} nudges: a few ticks of the server's 250 ms. */
  private static final Duration NUDGE_EVERY = Duration.ofSeconds(1);
  @TempDir
  Path data;
  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void printsTheMatchingEventsAsSearchDoesAndEndsWhenStdoutCloses() throws Exception {
    server = TestServer.start(data);
    HeadPipe head = new HeadPipe(2);
    Run tail = Run.start(head, "tail", "service:payment AND level:ERROR", "--url", server.server().url(),
        "--color", "never");
    awaitSubscribers(1);
    ingest("{\"service\":\"payment\",\"level\":\"ERROR\",\"message\":\"card declined\",\"trace_id\":\"t-1\"}");
    ingest("{\"service\":\"payment\",\"level\":\"INFO\",\"message\":\"not an error\"}");
    ingest("{\"service\":\"billing\",\"level\":\"ERROR\",\"message\":\"another service\"}");
    ingest("{\"service\":\"payment\",\"level\":\"ERROR\",\"message\":\"issuer down\"}");
    head.await(2, WAIT);
    ingest(MORE); // as with any writer in a pipe, the next write finds the reader gone
    assertThat(tail.exit()).as("stdout closed after two lines: done, like any filter in a pipe").isZero();
    JsonNode hits = server.awaitTotal("service:payment AND level:ERROR AND NOT message:more", 2).path("events");
    EventLine format = new EventLine(false);
    assertThat(head.lines()).containsExactly(format.format(hits.get(1)), format.format(hits.get(0)));
  }

  @Test
  void jsonPrintsEachEventAsTheSearchApiReturnsIt() throws Exception {
    server = TestServer.start(data);
    HeadPipe head = new HeadPipe(1);
    Run tail = Run.start(head, "tail", "service:payment", "--json", "--url", server.server().url());
    awaitSubscribers(1);
    ingest("{\"service\":\"payment\",\"level\":\"WARN\",\"message\":\"slow issuer\",\"attempt\":2}");
    head.await(1, WAIT);
    ingest(MORE);
    assertThat(tail.exit()).isZero();
    JsonNode hit = server.awaitTotal("service:payment AND NOT message:more", 1).path("events").get(0);
    assertThat(JSON.readTree(head.lines().get(0))).isEqualTo(hit);
  }

  @Test
  void aServerRestartIsBridgedWithEveryEventPrintedExactlyOnce() throws Exception {
    server = TestServer.start(data);
    int port = server.server().port();
    HeadPipe head = new HeadPipe(6);
    Run tail = Run.start(head, "tail", "service:payment", "--json", "--url", server.server().url());
    awaitSubscribers(1);
    ingest(payment(1));
    ingest("{\"service\":\"billing\",\"message\":\"not tailed\"}");
    ingest(payment(2));
    head.await(2, WAIT);
    ingest(payment(3)); // acknowledged, maybe not yet sent when the server stops
    server.close();
    server = TestServer.start(data, Map.of("http.port", String.valueOf(port)));
    ingest(payment(4)); // acknowledged before the tail is back
    ingest(payment(5));
    awaitSubscribers(1);
    ingest(payment(6)); // live again
    head.await(6, WAIT);
    ingest(MORE);
    assertThat(tail.exit()).isZero();
    List<String> numbers = new ArrayList<>();
    for (String line : head.lines()) {
      numbers.add(JSON.readTree(line).path("message").asText());
    }
    assertThat(numbers).as("before, across and after the restart, each once, in order")
        .containsExactly("payment 1", "payment 2", "payment 3", "payment 4", "payment 5", "payment 6");
    assertThat(tail.err()).contains("reconnecting").contains("resuming after WAL position");
  }

  @Test
  void theServersSkippedCountGoesToStderr() throws Exception {
    // one event per 250 ms tick: the flood, one batch, lands in one tick and one of its events is sent
    server = TestServer.start(data, Map.of("tail.max_events_per_second", "4"));
    HeadPipe head = new HeadPipe(1);
    Run tail = Run.start(head, "tail", "service:flood", "--json", "--url", server.server().url());
    awaitSubscribers(1);
    StringBuilder flood = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      flood.append("{\"service\":\"flood\",\"message\":\"flood ").append(i).append("\"}\n");
    }
    ingest(flood.toString());
    head.await(1, WAIT);
    // the next event printed finds the pipe closed; a tick may have no token left, so nudge until one is sent
    assertThat(tail.exitNudging(() -> ingest("{\"service\":\"flood\",\"message\":\"nudge\"}"))).isZero();
    assertThat(head.lines()).hasSize(1);
    assertThat(JSON.readTree(head.lines().get(0)).path("service").asText()).as("stdout holds events only")
        .isEqualTo("flood");
    assertThat(tail.err()).contains("49 matching events skipped by the server");
  }

  @Test
  void aBadFilterIsTheServersCaretMessageAndExitCode2() throws Exception {
    server = TestServer.start(data);
    CommandRun run = CommandRun.corral("tail", "level:(ERROR", "--url", server.server().url());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("request failed (400)").contains("^");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aServerThatIsNotThereAtTheStartIsExitCode3() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    CommandRun run = CommandRun.corral("tail", "*", "--url", "http://127.0.0.1:" + port);
    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).contains("cannot reach");
  }

  @Test
  void backoffDoublesUpToItsCeiling() {
    assertThat(TailCommand.backoff(0)).isEqualTo(TailCommand.FIRST_BACKOFF);
    assertThat(TailCommand.backoff(1)).isEqualTo(TailCommand.FIRST_BACKOFF.multipliedBy(2));
    assertThat(TailCommand.backoff(40)).isEqualTo(TailCommand.MAX_BACKOFF);
  }

  /** One more event for every tail of these tests, after the lines they wait for. */
  private static final String MORE = "{\"service\":\"payment\",\"level\":\"ERROR\",\"message\":\"more\"}\n"
      + "{\"service\":\"flood\",\"message\":\"more\"}";

  private static String payment(int n) {
    return "{\"service\":\"payment\",\"message\":\"payment " + n + "\"}";
  }

  private void ingest(String ndjson) {
    assertThat(server.ingest(ndjson).status()).isEqualTo(200);
  }

  private void awaitSubscribers(int expected) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    int open = -1;
    while (System.nanoTime() < deadline) {
      open = server.get("/api/v1/stats").json().path("tail").path("subscribers").asInt();
      if (open == expected) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("live tails open: " + open + ", expected " + expected);
  }

  /** A {@code corral} command running on its own thread, stdout into a {@link HeadPipe}, stderr kept. */
  private record Run(CompletableFuture<Integer> result, ByteArrayOutputStream stderr) {
    static Run start(HeadPipe stdout, String... args) {
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
      CompletableFuture<Integer> exit = new CompletableFuture<>();
      String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
      Thread.ofPlatform().name("corral-" + args[0]).daemon(true).start(() ->
          exit.complete(new CommandLine(new TailCommand(stdout.printStream(), err)).execute(rest)));
      return new Run(exit, stderr);
    }

    int exit() throws Exception {
      try {
        return result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("the command still runs after " + WAIT + "; it said: " + err(), e);
      }
    }

    /** {@link #exit()}, running {@code nudge} (which makes the command print) until the command ends. */
    int exitNudging(Runnable nudge) throws Exception {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        nudge.run();
        try {
          return result.get(NUDGE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException stillRunning) {
          // not yet printed: nudge again
        }
      }
      return exit();
    }

    String err() {
      return stderr.toString(StandardCharsets.UTF_8);
    }
  }
}
