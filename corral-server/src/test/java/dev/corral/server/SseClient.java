package dev.corral.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client as a browser's EventSource reads a stream: java.net.http opens it,
 * a thread reads it line by line and queues each dispatched message (a blank line ends one;
 * {@code :} lines are comments, kept as messages of type "comment").
 */
public final class SseClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  private final Thread reader;

  /**
   * One dispatched message: its {@code event:} type ("message" when absent), its data, and the last
   * event id at that point (an {@code id:} field sets it for this message and the ones after, as in
   * a browser; "" when none was sent yet).
   */
  public record Message(String event, String data, String id) {
    public Message(String event, String data) {
      this(event, data, "");
    }

    public JsonNode json() {
      try {
        return JSON.readTree(data);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + data, e);
      }
    }
  }

  private SseClient(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = Thread.ofVirtual().name("sse-client").start(this::read);
  }

  /** Opens a stream ({@code headers}: name, value pairs); returns once the status and headers arrived (whatever the status). */
  public static SseClient open(HttpClient http, URI uri, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
    if (headers.length > 0) {
      builder.headers(headers);
    }
    HttpRequest request = builder.build();
    return new SseClient(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
  }

  public HttpResponse<InputStream> response() {
    return response;
  }

  /** The next message, or fails the test when none came within {@code timeout}. */
  public Message next(Duration timeout) throws InterruptedException {
    Message message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (message == null) {
      throw new AssertionError("no server-sent event within " + timeout);
    }
    return message;
  }

  /** The next message of type {@code event}, skipping others. */
  public Message next(String event, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Message message = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (message.event().equals(event)) {
        return message;
      }
    }
  }

  /** Waits until the server ends the stream; returns whether it did within {@code timeout}. */
  public boolean awaitEnd(Duration timeout) throws InterruptedException {
    return reader.join(timeout);
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String event = "message";
      String id = "";
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            messages.add(new Message(event, data.toString(), id));
          }
          event = "message";
          data.setLength(0);
        } else if (line.startsWith(":")) {
          messages.add(new Message("comment", line.substring(1).strip()));
        } else if (line.startsWith("event:")) {
          event = line.substring("event:".length()).strip();
        } else if (line.startsWith("id:")) {
          id = line.substring("id:".length()).strip();
        } else if (line.startsWith("data:")) {
          data.append(data.isEmpty() ? "" : "\n").append(line.substring("data:".length()).stripLeading());
        }
      }
    } catch (IOException e) {
      // closed by close() or by the server
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      response.body().close();
    } catch (IOException e) {
      // already gone
    }
    reader.join(Duration.ofSeconds(10));
  }
}
