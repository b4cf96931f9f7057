package dev.corral.server.inputs.beats;

import java.util.List;

/**
 * One Lumberjack frame from the sender, as {@link FrameReader} reads it. Every frame starts with a version byte
 * ({@code '2'}, or {@code '1'} for the legacy v1 senders) and a type byte; numbers are unsigned 32-bit big-endian.
 */
sealed interface Frame {
  /** {@code W}: how many events follow before the sender waits for an ack. */
  record Window(byte version, long size) implements Frame {}

  /** {@code J}: one event as a JSON object (v2). */
  record Json(long seq, byte[] payload) implements Frame {}

  /** {@code D}: one event as key/value strings (v1 and legacy senders), still undecoded UTF-8. */
  record KeyValues(long seq, List<byte[]> keys, List<byte[]> values, int bytes) implements Frame {}

  /** A {@code J} frame longer than {@code ingest.max_event_bytes}: skipped, only its start kept for the dead letter. */
  record Oversized(long seq, long length, byte[] start) implements Frame {}

  /** {@code C}: a zlib stream of more frames, of this many bytes as sent; {@link FrameReader#inflate} reads them. */
  record Compressed(long length) implements Frame {}
}
