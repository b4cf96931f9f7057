package dev.corral.server.inputs.beats;

import dev.corral.server.inputs.socket.SenderPace;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the Beats input beyond the per-event ones of {@code ingest.*} (event bytes, fields, depth), which apply to
 * every event. A frame that breaks one is a protocol error: the connection is closed and its window not acknowledged,
 * so the sender sends it again (Filebeat shrinks its window after a failed one). Immutable.
 *
 * @param maxWindowEvents most events one window ({@code W} frame) may announce
 * @param maxFrameBytes longest payload of one frame as sent: a compressed ({@code C}) frame, or a data frame (one
 *     longer than {@code ingest.max_event_bytes} but within this is skipped and becomes a dead letter)
 * @param maxInflatedBytes most bytes a compressed frame may inflate to (a zip bomb stops here)
 * @param batchEvents events stored (one WAL append, then a partial ack) at most at once
 * @param batchBytes payload bytes stored at most at once
 * @param keepAliveInterval while a batch waits for the WAL, the connection repeats its last ack this often, which
 *     Filebeat takes as a sign of life (its {@code timeout} is 30 s by default)
 * @param pace how slowly a window may arrive: past a grace of waiting in reads, at a minimum rate; slower senders
 *     (slowloris) are disconnected
 */
record BeatsLimits(int maxWindowEvents, int maxFrameBytes, int maxInflatedBytes, int batchEvents, int batchBytes,
    Duration keepAliveInterval, SenderPace pace) {
  /** 65536: Filebeat's bulk_max_size is 2048 and Logstash users raise it to 8192 at most; far above both. */
  static final int DEFAULT_MAX_WINDOW_EVENTS = 65_536;
  /** 64 MiB: a window of 2048 events of 32 KiB compresses far below it. */
  static final int DEFAULT_MAX_FRAME_BYTES = 64 << 20;
  /** 256 MiB: the largest honest window (bulk_max_size x a few KiB); beyond it a compressed frame is a bomb. */
  static final int DEFAULT_MAX_INFLATED_BYTES = 256 << 20;
  /** 1000 events: one WAL append amortises the fsync, like the other socket inputs' batch. */
  static final int DEFAULT_BATCH_EVENTS = 1_000;
  /** 2 MiB: bounds what a connection holds before it is durable (x1024 connections). */
  static final int DEFAULT_BATCH_BYTES = 2 << 20;
  /** 5 s: six signs of life within Filebeat's default 30 s timeout. */
  static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(5);

  /** 30 s: go-lumber's own server gives a whole window 30 s; a real sender writes one at once. */
  static final Duration DEFAULT_SLOW_SENDER_GRACE = Duration.ofSeconds(30);
  /** 1 KiB/s: far below any working link, far above a slowloris trickle. */
  static final long DEFAULT_MIN_BYTES_PER_SECOND = 1024;

  static final BeatsLimits DEFAULTS = new BeatsLimits(DEFAULT_MAX_WINDOW_EVENTS, DEFAULT_MAX_FRAME_BYTES,
      DEFAULT_MAX_INFLATED_BYTES, DEFAULT_BATCH_EVENTS, DEFAULT_BATCH_BYTES, DEFAULT_KEEP_ALIVE_INTERVAL,
      new SenderPace(DEFAULT_SLOW_SENDER_GRACE, DEFAULT_MIN_BYTES_PER_SECOND));

  BeatsLimits {
    Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
    Objects.requireNonNull(pace, "pace");
    requirePositive(maxWindowEvents, "maxWindowEvents");
    requirePositive(maxFrameBytes, "maxFrameBytes");
    requirePositive(maxInflatedBytes, "maxInflatedBytes");
    requirePositive(batchEvents, "batchEvents");
    requirePositive(batchBytes, "batchBytes");
    if (keepAliveInterval.isNegative() || keepAliveInterval.isZero()) {
      throw new IllegalArgumentException("keepAliveInterval must be positive, got " + keepAliveInterval);
    }
  }

  private static void requirePositive(long value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
