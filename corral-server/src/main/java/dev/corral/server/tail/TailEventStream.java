package dev.corral.server.tail;

import dev.corral.server.http.StreamingBody;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A live tail as Server-Sent Events. First a comment and {@code retry: 2000}; then every {@link
 * TailHub#TICK} one message
 *
 * <pre>
 * event: events
 * data: {"events":[…],"skipped":0,"dropped":0,"over_budget":0,"matched_per_second":1.5,"received_per_second":812.0}
 * </pre>
 *
 * <p>with the events in their canonical JSON (as a search returns them), oldest first; and a
 * comment {@code : ping} every {@value #HEARTBEAT_SECONDS} s for proxies that close quiet
 * connections. Writing every tick also finds a client that went away within a tick or two: the
 * write fails and the subscription is closed.
 */
final class TailEventStream implements StreamingBody {
  static final String MEDIA_TYPE = "text/event-stream; charset=utf-8";
  static final int HEARTBEAT_SECONDS = 15;
  private static final byte[] OPENING = ": corral live tail\nretry: 2000\n\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] EVENTS_PREFIX = "event: events\ndata: {\"events\":[".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);

  private final TailSubscription subscription;

  TailEventStream(TailSubscription subscription) {
    this.subscription = subscription;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    out.write(OPENING);
    out.flush();
    long tick = TailHub.TICK.toNanos();
    long next = System.nanoTime() + tick;
    long lastPing = System.nanoTime();
    try {
      while (subscription.isOpen()) {
        TailMessage message = subscription.next(next);
        if (!subscription.isOpen()) {
          return;
        }
        write(message, out);
        long now = System.nanoTime();
        if (now - lastPing >= HEARTBEAT_SECONDS * 1_000_000_000L) {
          out.write(PING);
          lastPing = now;
        }
        out.flush();
        next += tick;
        if (next <= now) { // fell behind (a slow client): start the next tick from now
          next = now + tick;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void write(TailMessage message, OutputStream out) throws IOException {
    out.write(EVENTS_PREFIX);
    boolean first = true;
    for (TailedEvent event : message.events()) {
      if (!first) {
        out.write(',');
      }
      event.writeTo(out);
      first = false;
    }
    String counters = "],\"skipped\":" + message.skipped() + ",\"dropped\":" + message.dropped()
        + ",\"over_budget\":" + message.overBudget()
        + ",\"matched_per_second\":" + rounded(message.matchedPerSecond())
        + ",\"received_per_second\":" + rounded(message.receivedPerSecond()) + "}\n\n";
    out.write(counters.getBytes(StandardCharsets.UTF_8));
  }

  /** One decimal is all a rate display needs. */
  private static double rounded(double rate) {
    return Math.round(rate * 10) / 10.0;
  }

  @Override
  public void close() {
    subscription.close();
  }
}
