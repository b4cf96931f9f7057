package dev.corral.server.inputs.beats;

import dev.corral.model.normalize.EventDecoder;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.model.normalize.Utf8Text;
import dev.corral.server.inputs.socket.RetryingStore;
import dev.corral.server.inputs.socket.TcpConnection;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one Beats connection: a window frame, then as many events as it announced (in data frames, or in compressed
 * frames holding data frames), stored and acknowledged; then the next window. Within a window the events are stored
 * in batches ({@link BeatsLimits#batchEvents()}, {@link BeatsLimits#batchBytes()}), each one WAL append followed by a
 * partial ack of its last sequence number; the window's last ack comes once its last event is durable. An ack is
 * only ever written after the append returned, so an acknowledged event survives kill -9.
 *
 * <ul>
 *   <li>An event that cannot be decoded (malformed JSON, invalid UTF-8, over {@code ingest.*} limits) is stored as a
 *       dead letter in its place and the window is still acknowledged: the sender would resend it forever otherwise.
 *       (Logstash closes the connection instead, and Filebeat retries the same window without end.)
 *   <li>A frame that breaks the protocol (version, type, a length over a limit, a zip bomb, a broken zlib stream) ends
 *       the connection: what the window held and was not acknowledged is dropped (the sender resends it) and the
 *       reason is stored as one dead letter.
 *   <li>A connection that ends or stays idle past {@code sockets.idle_timeout} inside a window is closed; nothing
 *       of the unacknowledged part is stored. One whose window trickles in ({@link SlowWindowGuard}) is a protocol
 *       error.
 * </ul>
 * Runs on the connection's virtual thread; not thread-safe.
 */
final class BeatsConnection {
  private static final Logger LOG = LoggerFactory.getLogger(BeatsConnection.class);
  /** Start of an undecodable event kept in its dead letter. */
  private static final int EXCERPT_BYTES = FrameReader.EXCERPT_BYTES;

  private final TcpConnection connection;
  private final RetryingStore store;
  private final BeatsLimits limits;
  private final BeatsEventMapper mapper;
  private final SlowWindowGuard guard;
  private final FrameReader reader;
  private final AckWriter acks;
  private final WindowBatch batch;

  BeatsConnection(TcpConnection connection, EventDecoder decoder, RetryingStore store, BeatsLimits limits) {
    this.connection = connection;
    this.store = store;
    this.limits = limits;
    this.mapper = new BeatsEventMapper(decoder);
    this.guard = new SlowWindowGuard(connection.in(), limits);
    this.reader = new FrameReader(guard, limits, decoder.limits().maxEventBytes(),
        decoder.limits().maxFields());
    this.acks = new AckWriter(connection.out(), limits.keepAliveInterval());
    this.batch = new WindowBatch(store, connection.remote(), acks);
  }

  /** Serves until the peer closes, a protocol error, or the input stops. */
  void serve() throws IOException {
    try {
      for (Frame frame = reader.next(); frame != null; frame = reader.next()) {
        if (!(frame instanceof Frame.Window window)) {
          throw new LumberjackException(kind(frame) + " before any window frame, at byte " + reader.position());
        }
        readWindow(window);
      }
    } catch (LumberjackException e) {
      refuse(e);
    } catch (EOFException e) {
      batch.discard();
      LOG.atDebug().addKeyValue("input", BeatsInputs.INPUT).addKeyValue("remote", connection.remote())
          .addKeyValue("reason", e.getMessage()).log("connection ended inside a window; its rest was not acknowledged");
    }
  }

  private void readWindow(Frame.Window window) throws IOException {
    acks.startWindow(window.version());
    guard.startWindow();
    long events = 0;
    while (events < window.size()) {
      Frame frame = reader.next();
      if (frame == null) {
        throw new EOFException("connection closed after " + events + " of the " + window.size()
            + " events of a window");
      }
      events += switch (frame) {
        case Frame.Compressed compressed -> readCompressed(compressed);
        case Frame.Window next -> throw new LumberjackException("window frame after " + events + " of the "
            + window.size() + " events of the previous window, at byte " + reader.position());
        default -> take(frame);
      };
    }
    guard.endWindow();
    batch.flush();
  }

  private long readCompressed(Frame.Compressed compressed) throws IOException {
    FrameReader.Inflated inflated = reader.inflate(compressed);
    long events = 0;
    for (Frame frame = inflated.next(); frame != null; frame = inflated.next()) {
      events += take(frame);
    }
    inflated.finish();
    return events;
  }

  /** Takes one data frame into the batch, storing the batch when full; returns 1, the events it counts for. */
  private long take(Frame frame) throws IOException {
    long at = batch.receivedAtNanos();
    switch (frame) {
      case Frame.Json json -> {
        try {
          batch.add(mapper.fromJson(json.payload(), at), json.seq(), json.payload().length);
        } catch (InvalidEventException e) {
          batch.deadLetter(e.reason() + " in the JSON frame of seq " + json.seq(), excerpt(json.payload()), json.seq(),
              json.payload().length);
        }
      }
      case Frame.KeyValues pairs -> {
        try {
          batch.add(mapper.fromKeyValues(pairs.keys(), pairs.values(), at), pairs.seq(), pairs.bytes());
        } catch (InvalidEventException e) {
          batch.deadLetter(e.reason() + " (seq " + pairs.seq() + ")", "", pairs.seq(), pairs.bytes());
        }
      }
      case Frame.Oversized oversized -> batch.deadLetter("event is " + oversized.length() + " bytes, more than the "
          + "limit of " + reader.maxEventBytes() + " (ingest.max_event_bytes), in the JSON frame of seq "
          + oversized.seq(), excerpt(oversized.start()), oversized.seq(), oversized.length());
      case Frame.Window window -> throw new IllegalStateException("BUG: window frames are read by readWindow");
      case Frame.Compressed compressed -> throw new IllegalStateException("BUG: compressed frames are inflated");
    }
    if (batch.size() >= limits.batchEvents() || batch.bytes() >= limits.batchBytes()) {
      batch.flush();
    }
    return 1;
  }

  /** Stores the reason a connection ends as a dead letter (the unacknowledged window is dropped), then lets it close. */
  private void refuse(LumberjackException e) throws IOException {
    batch.discard();
    LOG.atDebug().addKeyValue("input", BeatsInputs.INPUT).addKeyValue("remote", connection.remote())
        .addKeyValue("reason", e.getMessage()).log("closing beats connection: protocol error");
    if (!store.store(List.of(), List.of(batch.deadLetterOf("Lumberjack protocol error: " + e.getMessage()
        + "; connection closed, window not acknowledged", "", reader.position())), batch.receivedAtNanos())) {
      throw new WindowBatch.InputStoppedException("beats input stopped before the protocol error of "
          + connection.remote() + " was stored");
    }
  }

  private static String excerpt(byte[] payload) {
    return Utf8Text.truncate(new String(payload, 0, Math.min(payload.length, EXCERPT_BYTES * 4),
        StandardCharsets.UTF_8), EXCERPT_BYTES);
  }

  private static String kind(Frame frame) {
    return switch (frame) {
      case Frame.Json json -> "JSON frame";
      case Frame.KeyValues pairs -> "key/value frame";
      case Frame.Oversized oversized -> "JSON frame";
      case Frame.Compressed compressed -> "compressed frame";
      case Frame.Window window -> "window frame";
    };
  }
}
