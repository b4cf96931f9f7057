package dev.corral.server.inputs.gelf;

import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.text.Excerpt;
import dev.corral.server.inputs.socket.Datagram;
import dev.corral.server.inputs.socket.DatagramHandler;
import dev.corral.server.inputs.socket.RetryingStore;
import dev.corral.server.inputs.socket.UdpListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decodes GELF UDP datagrams: a chunk (magic {@code 1e 0f}) goes to the {@link GelfChunkAssembler}
 * and its message is decoded once complete; any other datagram is one message. A message's payload
 * is gzip ({@code 1f 8b}), zlib ({@code 78 ..}) or plain JSON, recognised by its first bytes, and
 * inflated up to {@code ingest.max_event_bytes}; the JSON is mapped exactly as the HTTP input maps
 * it ({@link GelfBodyDecoder}). Each batch of datagrams is stored in one append, with a dead letter
 * ({@code dead_letter.input:gelf-udp}) for every datagram or message that could not be decoded and
 * for every count of datagrams the listener's full queue dropped.
 *
 * <p>Called on the listener's one processing thread; {@link #expire()} on a timer thread.
 */
final class GelfUdpHandler implements DatagramHandler {
  /** The listener name, and the {@code dead_letter.input} of what it rejects. */
  static final String INPUT = "gelf-udp";

  private final GelfBodyDecoder decoder;
  private final GelfChunkAssembler assembler;
  private final RetryingStore store;
  private final long maxMessageBytes;
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  GelfUdpHandler(GelfMessageDecoder decoder, GelfChunkAssembler assembler, RetryingStore store) {
    this.decoder = new GelfBodyDecoder(decoder, INPUT);
    this.assembler = assembler;
    this.store = store;
    this.maxMessageBytes = decoder.limits().maxEventBytes();
  }

  @Override
  public void handle(List<Datagram> batch) {
    List<LogEvent> events = new ArrayList<>(batch.size());
    List<DeadLetter> deadLetters = new ArrayList<>();
    for (Datagram datagram : batch) {
      decode(datagram, events, deadLetters);
    }
    rejected.addAndGet(deadLetters.size());
    store.store(events, deadLetters, batch.getFirst().receivedAtNanos());
  }

  @Override
  public void dropped(long count, long receivedAtNanos) {
    dropped.addAndGet(count);
    store.store(List.of(), List.of(new DeadLetter(INPUT, count + " GELF UDP datagrams dropped unread: processing "
        + "fell behind and the queue of " + UdpListener.QUEUE_CAPACITY + " datagrams was full", "", 0)), receivedAtNanos);
  }

  /** Expires chunked messages past their timeout and stores their dead letters; returns how many. */
  int expire() {
    List<DeadLetter> expired = assembler.expire();
    if (!expired.isEmpty()) {
      rejected.addAndGet(expired.size());
      store.store(List.of(), expired, Timestamps.toNanos(Instant.now()));
    }
    return expired.size();
  }

  /** Datagrams and messages turned into dead letters so far (queue drops not included). */
  long rejected() {
    return rejected.get();
  }

  /** Datagrams the listener's full queue dropped so far. */
  long dropped() {
    return dropped.get();
  }

  private void decode(Datagram datagram, List<LogEvent> events, List<DeadLetter> deadLetters) {
    byte[] payload = datagram.data();
    if (GelfChunk.isChunk(payload)) {
      try {
        payload = assembler.add(datagram.sender(), GelfChunk.parse(payload), deadLetters);
      } catch (InvalidEventException e) {
        deadLetters.add(deadLetter(e.reason(), datagram.sender(), payload));
        return;
      }
      if (payload == null) {
        return; // more chunks to come
      }
    }
    decodeMessage(payload, datagram, events, deadLetters);
  }

  private void decodeMessage(byte[] payload, Datagram datagram, List<LogEvent> events, List<DeadLetter> deadLetters) {
    if (payload.length == 0) {
      deadLetters.add(deadLetter("empty GELF UDP datagram", datagram.sender(), payload));
      return;
    }
    byte[] json = payload;
    GelfCompression.Kind compression = GelfCompression.sniff(payload, 0, payload.length);
    if (compression != null) {
      try {
        json = GelfCompression.inflate(payload, 0, payload.length, compression, maxMessageBytes);
      } catch (GelfCompression.InflateFailure e) {
        String reason = switch (e.problem()) {
          case TOO_LARGE -> e.getMessage() + " (ingest.max_event_bytes)";
          case CORRUPT -> "is " + e.getMessage();
          case EMPTY -> e.getMessage();
        };
        deadLetters.add(deadLetter(compression.label() + " GELF message " + reason, datagram.sender(), payload));
        return;
      }
    }
    GelfBatch batch = decoder.decode(json, json.length, datagram.receivedAtNanos());
    events.addAll(batch.events());
    for (DeadLetter deadLetter : batch.deadLetters()) {
      deadLetters.add(new DeadLetter(INPUT, deadLetter.reason() + " [from " + datagram.sender() + "]",
          deadLetter.excerpt(), deadLetter.inputBytes()));
    }
  }

  private static DeadLetter deadLetter(String reason, String sender, byte[] bytes) {
    return new DeadLetter(INPUT, reason + " [from " + sender + "]", Excerpt.textOrHex(bytes, 0, bytes.length), bytes.length);
  }
}
