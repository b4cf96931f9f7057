package dev.corral.dist;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a Server-Sent Events stream as a browser's EventSource does (the event-stream format of the
 * HTML standard): a blank line ends a message; {@code event:} names it ("message" when absent),
 * {@code data:} lines are joined with LF, {@code id:} sets the last event id (kept for the messages
 * after it), {@code :} lines are comments; one space after the colon is dropped. Not thread-safe,
 * except {@link #quietNanos()} and {@link #close()}.
 */
final class ServerSentEvents implements Closeable {
  /**
   * One dispatched message.
   *
   * @param id the last event id at this message ("" when the stream has sent none)
   */
  record Message(String event, String data, String id) {}

  private final InputStream in;
  private final BufferedReader lines;
  private volatile long lastActivity = System.nanoTime();
  private volatile boolean closed;
  private String lastId = "";

  ServerSentEvents(InputStream in) {
    this.in = in;
    this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** The next message with data, or null when the stream ended. */
  Message next() throws IOException {
    String event = "";
    StringBuilder data = null;
    String line;
    while ((line = lines.readLine()) != null) {
      lastActivity = System.nanoTime();
      if (line.isEmpty()) {
        if (data != null) {
          return new Message(event.isEmpty() ? "message" : event, data.toString(), lastId);
        }
        event = "";
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String name = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (name) {
        case "event" -> event = value;
        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        case "id" -> lastId = value;
        default -> { } // retry and unknown fields: the caller has its own backoff
      }
    }
    return null;
  }

  /** Nanoseconds since the stream last sent a line (a ping included). */
  long quietNanos() {
    return System.nanoTime() - lastActivity;
  }

  /** Whether {@link #close()} was called. */
  boolean isClosed() {
    return closed;
  }

  /** Ends the stream; a read in progress fails. */
  @Override
  public void close() throws IOException {
    closed = true;
    in.close();
  }
}
