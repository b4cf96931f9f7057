package dev.corral.server.inputs.fluent;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the forward input beyond the per-event ones of {@code ingest.*} (event bytes, fields,
 * depth), which apply to every record. Immutable.
 *
 * @param maxTagBytes longest tag; a longer one ends the connection as a protocol error
 * @param maxChunkIdBytes longest {@code chunk} option; a longer one ends the connection
 * @param batchEvents events stored (one WAL append) at most at once
 * @param batchBytes msgpack bytes of the events stored at most at once
 * @param maxDeadLettersPerMessage rejected entries of one forward message stored one by one; the
 *     rest are counted in one summary dead letter
 * @param slowSenderGrace time a message may spend arriving before its rate is checked
 * @param minBytesPerSecond slowest rate, over the time spent waiting for its bytes, at which a
 *     message may arrive once past the grace; slower senders (slowloris) are disconnected
 */
record ForwardLimits(int maxTagBytes, int maxChunkIdBytes, int batchEvents, int batchBytes,
    int maxDeadLettersPerMessage, Duration slowSenderGrace, long minBytesPerSecond) {
  /** 4 KiB: Kubernetes file tags run to ~250 bytes; anything longer is not a routing tag. */
  static final int DEFAULT_MAX_TAG_BYTES = 4 * 1024;
  /** 1 KiB: a chunk id is the base64 of 16 bytes (24 characters); room for other senders' ids. */
  static final int DEFAULT_MAX_CHUNK_ID_BYTES = 1024;
  /** 1000 events: one WAL append amortises the fsync, like the HTTP inputs' typical batch. */
  static final int DEFAULT_BATCH_EVENTS = 1_000;
  /** 2 MiB: bounds the memory a busy connection holds before its events are durable (x1024 connections). */
  static final int DEFAULT_BATCH_BYTES = 2 << 20;
  /** 100: enough reasons to see what is wrong with a chunk without flooding the dead letters. */
  static final int DEFAULT_MAX_DEAD_LETTERS_PER_MESSAGE = 100;
  /** 30 s: a real sender writes a whole chunk at once; only a stalled or hostile one takes longer. */
  static final Duration DEFAULT_SLOW_SENDER_GRACE = Duration.ofSeconds(30);
  /** 1 KiB/s: far below any working link, far above a slowloris trickle. */
  static final long DEFAULT_MIN_BYTES_PER_SECOND = 1024;

  static final ForwardLimits DEFAULTS = new ForwardLimits(DEFAULT_MAX_TAG_BYTES, DEFAULT_MAX_CHUNK_ID_BYTES,
      DEFAULT_BATCH_EVENTS, DEFAULT_BATCH_BYTES, DEFAULT_MAX_DEAD_LETTERS_PER_MESSAGE, DEFAULT_SLOW_SENDER_GRACE,
      DEFAULT_MIN_BYTES_PER_SECOND);

  ForwardLimits {
    Objects.requireNonNull(slowSenderGrace, "slowSenderGrace");
    requirePositive(maxTagBytes, "maxTagBytes");
    requirePositive(maxChunkIdBytes, "maxChunkIdBytes");
    requirePositive(batchEvents, "batchEvents");
    requirePositive(batchBytes, "batchBytes");
    requirePositive(maxDeadLettersPerMessage, "maxDeadLettersPerMessage");
    if (slowSenderGrace.isNegative() || minBytesPerSecond < 0) {
      throw new IllegalArgumentException("slow sender limits must not be negative, got " + slowSenderGrace + " and "
          + minBytesPerSecond + " bytes/s");
    }
  }

  private static void requirePositive(long value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
