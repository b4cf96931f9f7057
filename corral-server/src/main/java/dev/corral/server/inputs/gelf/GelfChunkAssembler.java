package dev.corral.server.inputs.gelf;

import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.text.Excerpt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Puts chunked GELF UDP messages back together. Chunks are keyed by sender and message id; a
 * message is complete when every sequence number of its count has arrived, and its payload is
 * then the chunks' payloads in order.
 *
 * <p>Everything held is bounded, so a flood of chunks that never complete cannot exhaust memory:
 * <ul>
 *   <li>a message must complete within {@link #TIMEOUT} of its first chunk, else it expires into a
 *       dead letter naming the chunks that never arrived ({@link #expire()});
 *   <li>a message's chunks may hold at most {@code maxMessageBytes} ({@code ingest.max_event_bytes});
 *   <li>at most {@link #MAX_MESSAGES} messages are tracked at once: a new one evicts the oldest;
 *   <li>all chunks held together stay under {@code maxHeldBytes}: a new chunk evicts the oldest
 *       incomplete messages until it fits.
 * </ul>
 * A message that failed (chunks disagreeing on the count, too large, evicted) or completed is
 * remembered, without its chunks, until its timeout, so that its late or duplicate chunks are
 * ignored instead of starting a message that could only expire. A duplicate chunk of a message in
 * progress is ignored (UDP may duplicate datagrams). Every failure becomes one dead letter.
 *
 * <p>Thread-safe: the UDP processing thread adds chunks while a timer expires messages.
 */
final class GelfChunkAssembler {
  /** The GELF spec: a receiver discards a message whose chunks did not all arrive within 5 s. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  /** Messages tracked at once: 2,000 chunked messages a second for the 5 s timeout, and ~2 MB of bookkeeping. */
  static final int MAX_MESSAGES = 10_000;
  /** Chunk bytes held at once, at the least: 4,000 full 8 KiB chunks; raised to two of the largest messages. */
  static final long MIN_HELD_BYTES = 32L << 20;
  /** Missing chunk numbers a dead letter lists before it only counts the rest. */
  private static final int LISTED_MISSING = 8;

  private record Key(String sender, long messageId) {}

  /** One message in reassembly, or, once {@link #chunks} is null, the memory of a finished one. */
  private static final class Message {
    final long startedNanos;
    final int count;
    byte[][] chunks;
    int received;
    long bytes;

    Message(int count, long startedNanos) {
      this.count = count;
      this.startedNanos = startedNanos;
      this.chunks = new byte[count][];
    }

    boolean finished() {
      return chunks == null;
    }
  }

  private final String input;
  private final long maxMessageBytes;
  private final long maxHeldBytes;
  private final LongSupplier nanoClock;
  private final long timeoutNanos;
  private final LinkedHashMap<Key, Message> messages = new LinkedHashMap<>();
  private long heldBytes;

  /**
   * @param input the {@code dead_letter.input} of failed messages
   * @param maxMessageBytes most payload bytes one message's chunks may carry
   * @param nanoClock a monotonic clock ({@code System::nanoTime}; tests pass their own)
   */
  GelfChunkAssembler(String input, long maxMessageBytes, LongSupplier nanoClock) {
    this.input = input;
    this.maxMessageBytes = maxMessageBytes;
    this.maxHeldBytes = Math.max(MIN_HELD_BYTES, 2 * maxMessageBytes);
    this.nanoClock = nanoClock;
    this.timeoutNanos = TIMEOUT.toNanos();
  }

  /**
   * Adds a chunk from {@code sender}.
   *
   * @param deadLetters receives the dead letters of messages that failed or were evicted
   * @return the complete payload when this chunk completes its message, else null
   */
  synchronized byte[] add(String sender, GelfChunk chunk, List<DeadLetter> deadLetters) {
    Key key = new Key(sender, chunk.messageId());
    Message message = messages.get(key);
    if (message == null) {
      while (messages.size() >= MAX_MESSAGES) {
        evictOldest(deadLetters);
      }
      message = new Message(chunk.count(), nanoClock.getAsLong());
      messages.put(key, message);
    }
    if (message.finished()) {
      return null; // a late chunk of a finished message
    }
    if (chunk.count() != message.count) {
      fail(key, message, chunk, "chunks disagree on the chunk count: the first said " + message.count + ", chunk " + (chunk.sequence() + 1) + " says "
          + chunk.count(), deadLetters);
      return null;
    }
    if (message.chunks[chunk.sequence()] != null) {
      return null; // a duplicate: UDP may deliver a datagram twice
    }
    if (message.bytes + chunk.payloadLength() > maxMessageBytes) {
      fail(key, message, chunk, "chunked GELF message passes the limit of "
          + maxMessageBytes + " bytes (ingest.max_event_bytes) at chunk " + (chunk.sequence() + 1) + " of "
          + message.count, deadLetters);
      return null;
    }
    makeRoom(chunk.payloadLength(), key, deadLetters);
    message.chunks[chunk.sequence()] = chunk.datagram();
    message.received++;
    message.bytes += chunk.payloadLength();
    heldBytes += chunk.payloadLength();
    return message.received == message.count ? complete(message) : null;
  }

  /**
   * Forgets messages older than {@link #TIMEOUT}; those that were still incomplete become dead
   * letters naming the chunks that never arrived.
   */
  synchronized List<DeadLetter> expire() {
    long now = nanoClock.getAsLong();
    List<DeadLetter> deadLetters = new ArrayList<>();
    Iterator<java.util.Map.Entry<Key, Message>> entries = messages.entrySet().iterator();
    while (entries.hasNext()) {
      var entry = entries.next();
      Message message = entry.getValue();
      if (now - message.startedNanos < timeoutNanos) {
        break; // insertion order is age order
      }
      entries.remove();
      if (!message.finished()) {
        deadLetters.add(deadLetter(entry.getKey(), message, missing(message) + " never arrived within "
            + TIMEOUT.toSeconds() + " s"));
        release(message);
      }
    }
    return deadLetters;
  }

  /** Messages tracked now, finished ones included. */
  synchronized int tracked() {
    return messages.size();
  }

  /** Chunk payload bytes held now. */
  synchronized long heldBytes() {
    return heldBytes;
  }

  long maxHeldBytes() {
    return maxHeldBytes;
  }

  private byte[] complete(Message message) {
    byte[] payload = new byte[(int) message.bytes];
    int at = 0;
    for (byte[] chunk : message.chunks) {
      int length = chunk.length - GelfChunk.HEADER_BYTES;
      System.arraycopy(chunk, GelfChunk.HEADER_BYTES, payload, at, length);
      at += length;
    }
    release(message);
    return payload;
  }

  private void evictOldest(List<DeadLetter> deadLetters) {
    Iterator<java.util.Map.Entry<Key, Message>> entries = messages.entrySet().iterator();
    var oldest = entries.next();
    entries.remove();
    Message message = oldest.getValue();
    if (!message.finished()) {
      deadLetters.add(deadLetter(oldest.getKey(), message, "evicted with " + missing(message) + " missing: more than "
          + MAX_MESSAGES + " GELF messages were in reassembly at once"));
      release(message);
    }
  }

  /** Evicts the oldest incomplete messages (other than {@code keep}) until {@code bytes} more fit. */
  private void makeRoom(int bytes, Key keep, List<DeadLetter> deadLetters) {
    if (heldBytes + bytes <= maxHeldBytes) {
      return;
    }
    for (var entry : messages.entrySet()) {
      Message message = entry.getValue();
      if (!message.finished() && !entry.getKey().equals(keep)) {
        deadLetters.add(deadLetter(entry.getKey(), message, "evicted with " + missing(message) + " missing: the "
            + "chunks held by incomplete GELF messages passed " + maxHeldBytes + " bytes"));
        release(message);
        if (heldBytes + bytes <= maxHeldBytes) {
          return;
        }
      }
    }
  }

  private void fail(Key key, Message message, GelfChunk chunk, String reason, List<DeadLetter> deadLetters) {
    deadLetters.add(deadLetter(key, message, reason, chunk));
    release(message);
  }

  /** Drops the chunks of a message, which stays remembered as finished until its timeout. */
  private void release(Message message) {
    heldBytes -= message.bytes;
    message.chunks = null;
  }

  private DeadLetter deadLetter(Key key, Message message, String reason) {
    return deadLetter(key, message, reason, null);
  }

  /** The dead letter of a message; the excerpt is its first chunk held, else {@code offending}'s. */
  private DeadLetter deadLetter(Key key, Message message, String reason, GelfChunk offending) {
    byte[] first = offending == null ? null : offending.datagram();
    for (byte[] chunk : message.chunks) {
      if (chunk != null) {
        first = chunk;
        break;
      }
    }
    String excerpt = first == null ? "" : Excerpt.textOrHex(first, GelfChunk.HEADER_BYTES, first.length);
    return new DeadLetter(input, reason + " (GELF message " + GelfChunk.hex(key.messageId()) + ", " + message.received
        + " of " + message.count + " chunks received) [from " + key.sender() + "]", excerpt, (int) message.bytes);
  }

  /** "chunk 3 of 5", "chunks 2, 4 of 5", "chunks 2, 3, …, 9 and 40 more of 128": numbered from 1. */
  private static String missing(Message message) {
    List<Integer> numbers = new ArrayList<>();
    int more = 0;
    for (int i = 0; i < message.count; i++) {
      if (message.chunks[i] == null) {
        if (numbers.size() < LISTED_MISSING) {
          numbers.add(i + 1);
        } else {
          more++;
        }
      }
    }
    StringBuilder text = new StringBuilder(numbers.size() + more == 1 ? "chunk " : "chunks ");
    for (int i = 0; i < numbers.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(numbers.get(i));
    }
    if (more > 0) {
      text.append(" and ").append(more).append(" more");
    }
    return text.append(" of ").append(message.count).toString();
  }
}
