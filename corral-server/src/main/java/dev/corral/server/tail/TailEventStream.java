package dev.corral.server.tail;

import dev.corral.server.http.StreamingBody;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

/**
 * A live tail as Server-Sent Events. First a comment and {@code retry: 2000}; then every {@link
 * TailHub#TICK} one message
 *
 * <pre>
 * id: 71303168
 * event: events
 * data: {"events":[…],"skipped":0,"dropped":0,"over_budget":0,"matched_per_second":1.5,"received_per_second":812.0}
 * </pre>
 *
 * <p>with the events in their canonical JSON (as a search returns them), oldest first; and a
 * comment {@code : ping} every {@value #HEARTBEAT_SECONDS} s for proxies that close quiet
 * connections. Writing every tick also finds a client that went away within a tick or two: the
 * write fails and the subscription is closed.
 *
 * <p>The id is the WAL position the stream has accounted for ({@link TailMessage#position()}). A
 * stream resumed from one ({@link LastEventId}) first replays the matching events the client missed
 * ({@link TailReplay}), as {@code events} messages, and announces what it does not replay as
 *
 * <pre>
 * id: 71304000
 * event: gap
 * data: {"from":1024,"to":71304000,"reason":"wal_trimmed","message":"…"}
 * </pre>
 *
 * <p>then goes live at the log's end read after its subscription opened, so no event is sent twice
 * and none is left out.
 */
final class TailEventStream implements StreamingBody {
  static final String MEDIA_TYPE = "text/event-stream; charset=utf-8";
  static final int HEARTBEAT_SECONDS = 15;
  private static final byte[] OPENING = ": corral live tail\nretry: 2000\n\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] EVENTS_PREFIX = "event: events\ndata: {\"events\":[".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);

  private final TailSubscription subscription;
  private final TailReplay replay;
  private final OptionalLong resumeFrom;

  /**
   * @param subscription opened before this stream (held: it goes live once the replay is done)
   * @param resumeFrom the client's {@code Last-Event-ID}, checked ({@link TailReplay#check}), or empty
   */
  TailEventStream(TailSubscription subscription, TailReplay replay, OptionalLong resumeFrom) {
    this.subscription = subscription;
    this.replay = replay;
    this.resumeFrom = resumeFrom;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    out.write(OPENING);
    out.flush();
    long live = replay.end(); // read after the subscription opened: every record from here on reaches it
    if (resumeFrom.isPresent()) {
      replay.replay(resumeFrom.getAsLong(), live, subscription.filter(), new TailReplay.Sink() {
        @Override
        public void events(List<TailedEvent> events, long position) throws IOException {
          write(subscription.replayed(events, position), out);
          out.flush();
        }

        @Override
        public void gap(TailGap gap) throws IOException {
          writeGap(gap, out);
          out.flush();
        }
      });
    }
    subscription.goLive(live);
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
    out.write(("id: " + message.position() + "\n").getBytes(StandardCharsets.UTF_8));
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

  private static void writeGap(TailGap gap, OutputStream out) throws IOException {
    String message = "id: " + gap.to() + "\nevent: gap\ndata: {\"from\":" + gap.from() + ",\"to\":" + gap.to()
        + ",\"reason\":\"" + gap.reason().code() + "\",\"message\":\"" + gap.describe() + "\"}\n\n";
    out.write(message.getBytes(StandardCharsets.UTF_8));
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
