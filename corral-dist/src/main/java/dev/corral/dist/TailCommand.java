package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code corral tail FILTER}: follows a server's live tail ({@code GET /api/v1/tail}, filtered on
 * the server) and prints each event as {@code corral search} does, or as NDJSON. Until stopped:
 * after a dropped connection or a server restart it reconnects with backoff and resumes with
 * {@code Last-Event-ID} (the WAL position of the last message it printed), so nothing is printed
 * twice and nothing is left out while the server's write-ahead log still holds it. What the server
 * did not send — events sampled out under {@code tail.max_events_per_second}, a stretch of the log
 * it no longer holds — is reported on stderr, so stdout stays clean for pipes.
 *
 * <p>Exit codes: 0 when stdout is closed ({@code corral tail … | head -3}); 2 for a filter the
 * server refuses; 3 when the server cannot be reached at the start; 1 for other refusals
 * (a missing key).
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = "Follow the live events of a running server that match a filter.")
public final class TailCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** First wait before reconnecting: a restart takes a few seconds, a blip less. */
  static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
  /** Longest wait between attempts: a server back up is found within this. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  /**
   * Silence after which a connection counts as dead: the server writes every 250 ms and pings every
   * 15 s, so twice the ping interval without a byte means the network dropped it without a word.
   */
  static final Duration STALL = Duration.ofSeconds(30);
  /** How often the stall watch looks: it ends within this once its stream is closed. */
  private static final Duration STALL_CHECK = Duration.ofSeconds(1);

  @Parameters(index = "0", defaultValue = "",
      description = "Filter, e.g. 'level:ERROR service:payment-*' (no pipes; empty: every event).")
  String filter;

  @Option(names = "--json", description = "Print each event as one JSON line (NDJSON).")
  boolean json;

  @Mixin
  ClientOptions server;

  private final PrintStream out;
  private final PrintStream err;
  /** The id of the last message printed: where a reconnect resumes. */
  private String lastId = "";

  public TailCommand() {
    this(System.out, System.err);
  }

  TailCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    ServerClient client = server.client();
    EventLine lines = new EventLine(server.useColor());
    boolean connectedOnce = false;
    int attempt = 0;
    while (true) {
      String problem;
      Duration wait = backoff(attempt);
      try (ServerSentEvents stream = open(client)) {
        if (connectedOnce) {
          err.println("corral: reconnected" + (lastId.isEmpty() ? "" : ", resuming after WAL position " + lastId));
        }
        connectedOnce = true;
        attempt = 0;
        wait = backoff(0);
        if (!follow(stream, lines)) {
          return 0; // stdout closed: a pipe's reader is done
        }
        problem = "the server ended the stream";
      } catch (ServerClient.Failure e) {
        if (!retriable(e.status())) {
          err.println("corral: " + e.getMessage());
          return e.exitCode();
        }
        problem = e.getMessage();
        wait = later(wait, e.retryAfter());
      } catch (ConnectException e) {
        if (!connectedOnce) {
          err.println("corral: " + client.unreachable().getMessage());
          return 3;
        }
        problem = "cannot reach " + client.base();
      } catch (IOException e) {
        problem = "the connection broke (" + e.getMessage() + ")";
      }
      err.printf("corral: %s; reconnecting in %d ms%n", problem, wait.toMillis());
      Thread.sleep(wait);
      attempt++;
    }
  }

  private ServerSentEvents open(ServerClient client) throws Exception {
    Map<String, String> headers = lastId.isEmpty() ? Map.of("Accept", "text/event-stream")
        : Map.of("Accept", "text/event-stream", "Last-Event-ID", lastId);
    HttpResponse<InputStream> response = client.stream("/api/v1/tail?q=" + ServerClient.encode(filter), headers);
    ServerSentEvents stream = new ServerSentEvents(response.body());
    Thread.ofVirtual().name("corral-tail-stall-watch").start(() -> closeWhenStalled(stream));
    return stream;
  }

  /**
   * Prints the stream's messages until it ends.
   *
   * @return false when stdout is closed
   */
  private boolean follow(ServerSentEvents stream, EventLine lines) throws IOException {
    ServerSentEvents.Message message;
    while ((message = stream.next()) != null) {
      switch (message.event()) {
        case "events" -> print(JSON.readTree(message.data()), lines);
        case "gap" -> err.println("corral: gap: " + JSON.readTree(message.data()).path("message").asText());
        default -> { } // a message type this version does not know: nothing to print
      }
      lastId = message.id();
      out.flush();
      if (out.checkError()) {
        return false;
      }
    }
    return true;
  }

  private void print(JsonNode message, EventLine lines) throws IOException {
    for (JsonNode event : message.path("events")) {
      out.println(json ? JSON.writeValueAsString(event) : lines.format(event));
    }
    long skipped = message.path("skipped").asLong();
    if (skipped > 0) {
      err.printf("corral: %d matching events skipped by the server (at most tail.max_events_per_second are sent; "
          + "%d dropped because this tail fell behind, %d over its filter budget)%n", skipped,
          message.path("dropped").asLong(), message.path("over_budget").asLong());
    }
  }

  /** Whether an error answer may go away by itself: too many tails, a server stopping or failing. */
  private static boolean retriable(int status) {
    return status == 429 || status >= 500;
  }

  /** Waits before attempt {@code attempt + 1}: doubling from {@link #FIRST_BACKOFF} up to {@link #MAX_BACKOFF}. */
  static Duration backoff(int attempt) {
    long millis = FIRST_BACKOFF.toMillis() << Math.min(attempt, 10);
    return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
  }

  /** The longer of {@code wait} and a {@code Retry-After} in seconds. */
  private static Duration later(Duration wait, String retryAfter) {
    if (retryAfter == null || !retryAfter.strip().matches("[0-9]{1,4}")) {
      return wait;
    }
    Duration asked = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
    return asked.compareTo(wait) > 0 ? asked : wait;
  }

  /** Closes a stream that has been silent for {@link #STALL}, so the reader fails and reconnects. */
  private static void closeWhenStalled(ServerSentEvents stream) {
    try {
      while (!stream.isClosed()) {
        long left = STALL.toNanos() - stream.quietNanos();
        if (left <= 0) {
          stream.close();
          return;
        }
        Thread.sleep(Duration.ofNanos(Math.min(left, STALL_CHECK.toNanos())));
      }
    } catch (InterruptedException | IOException e) {
      // the stream is closing anyway
    }
  }
}
