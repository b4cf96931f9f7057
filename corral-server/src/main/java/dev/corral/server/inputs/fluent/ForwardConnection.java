package dev.corral.server.inputs.fluent;

import dev.corral.model.normalize.DecodeLimits;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.inputs.socket.RetryingStore;
import dev.corral.server.inputs.socket.TcpConnection;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one forward connection: reads messages, batches their events (up to
 * {@link ForwardLimits#batchEvents()} events or {@link ForwardLimits#batchBytes()} bytes, or
 * whenever no more bytes are immediately available), stores each batch as one WAL append and
 * then acks the chunks it completed. Everything that cannot be stored as an event is stored as a
 * dead letter before the connection moves on or closes:
 *
 * <ul>
 *   <li>a rejected entry, a bad option, a {@code size} mismatch, a corrupt packed payload: reported,
 *       and the message is still acked (what it carried is durable, as events or dead letters);
 *   <li>a broken envelope, malformed msgpack, or a connection that ends, stalls past the idle
 *       timeout or trickles (slowloris) in the middle of a message: reported, the partial message
 *       is not acked, and the connection is closed;
 *   <li>a handshake PING when this input has no shared key, or a second one after the handshake: answered with a
 *       PONG that refuses it, reported, and closed.
 * </ul>
 * When the input has a shared key ({@code fluent.shared_key}), the connection must first complete the
 * {@link ForwardHandshake}; until it has, nothing it sends is read as a message or stored, not even as a dead letter.
 * Runs on the connection's virtual thread; not thread-safe.
 */
final class ForwardConnection implements EntrySink {
  private static final Logger LOG = LoggerFactory.getLogger(ForwardConnection.class);
  /** Why a PING is refused on an input without a shared key, for the dead letter and the log. */
  static final String NO_SHARED_KEY = "this Corral forward input has no shared key (fluent.shared_key): set the same "
      + "key on both sides, or remove shared_key/Shared_Key from the sender";

  private final TcpConnection connection;
  private final ForwardHandshake handshake;
  private final ForwardLimits limits;
  private final MeteredInputStream raw;
  private final MessageUnpacker in;
  private final MessagePacker out;
  private final ForwardMessageReader reader;
  private final DurableBatch batch;

  ForwardConnection(TcpConnection connection, ForwardHandshake handshake, IngestSink sink, RetryingStore store,
      ForwardLimits limits) {
    this.connection = connection;
    this.handshake = handshake;
    this.limits = limits;
    this.raw = new MeteredInputStream(connection.in(), limits);
    this.in = MessagePack.newDefaultUnpacker(raw);
    this.out = MessagePack.newDefaultPacker(connection.out());
    EventDecoder decoder = sink.eventDecoder();
    DecodeLimits eventLimits = decoder.limits();
    EntryReader entries = new EntryReader(new RecordReader(eventLimits, decoder.factory()),
        new EventMapper(decoder.normalizer()), eventLimits);
    this.reader = new ForwardMessageReader(in, raw, entries, limits);
    this.batch = new DurableBatch(store, connection.remote());
  }

  /** Serves until the peer closes, a protocol error, or the input stops; first the handshake, when required. */
  void serve() throws IOException {
    if (handshake.required() && !handshake.authenticate(connection, in, out)) {
      return;
    }
    try {
      while (true) {
        ForwardMessage message = reader.read(this);
        switch (message.kind()) {
          case END -> {
            batch.flush(out);
            return;
          }
          case PING -> {
            refuseAuthentication();
            return;
          }
          case HEARTBEAT -> { }
          case EVENTS -> {
            if (message.options().chunk() != null) {
              batch.ack(message.options());
            }
          }
        }
        if (!moreAvailable()) {
          batch.flush(out);
        }
      }
    } catch (ForwardProtocolException e) {
      end(e.getMessage(), reader.messageExcerpt(), e);
    } catch (MessageInsufficientBufferException e) {
      end("connection closed in the middle of a forward message, " + partial() + "; it was not acknowledged",
          reader.messageExcerpt(), e);
    } catch (MessagePackException e) {
      end("malformed msgpack at byte " + in.getTotalReadBytes() + " of the connection: " + e.getMessage(),
          reader.messageExcerpt(), e);
    } catch (DurableBatch.InputStoppedException e) {
      throw e; // nothing more can be stored; the sender keeps what was not acked
    } catch (IOException e) {
      Throwable cause = e instanceof PeerStreamException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof MessageInsufficientBufferException) {
        end("connection closed in the middle of a forward message, " + partial() + "; it was not acknowledged",
            reader.messageExcerpt(), cause);
      } else if (cause instanceof MeteredInputStream.SlowSenderException) {
        end("connection too slow: " + cause.getMessage() + ", " + partial() + "; it was not acknowledged",
            reader.messageExcerpt(), cause);
      } else if (midMessage()) {
        String why = cause instanceof SocketTimeoutException
            ? "connection idle longer than sockets.idle_timeout in the middle of a forward message"
            : "connection failed in the middle of a forward message (" + cause + ")";
        end(why + ", " + partial() + "; it was not acknowledged", reader.messageExcerpt(), cause);
      } else {
        flushQuietly();
        throw e; // idle or closed between messages: the listener closes it quietly
      }
    }
  }

  @Override
  public void entry(Entry entry) throws IOException {
    if (entry.isAccepted()) {
      batch.add(entry.event(), entry.inputBytes());
    } else {
      batch.deadLetter(entry.reason(), entry.excerpt(), entry.inputBytes());
    }
    if (batch.size() >= limits.batchEvents() || batch.bytes() >= limits.batchBytes()) {
      batch.flush(out);
    }
  }

  @Override
  public void problem(String reason, String excerpt, long inputBytes) {
    batch.deadLetter(reason, excerpt, inputBytes);
  }

  /** Stores what came before and the reason the connection ends, then lets the listener close it. */
  private void end(String reason, String excerpt, Throwable cause) throws IOException {
    LOG.atWarn().addKeyValue("input", FluentInputs.INPUT).addKeyValue("remote", connection.remote())
        .addKeyValue("reason", reason).log("closing forward connection");
    LOG.atDebug().setCause(cause).addKeyValue("remote", connection.remote()).log("forward connection failure");
    batch.deadLetter(reason, excerpt, Math.max(0, raw.total() - reader.messageStart()));
    flushQuietly();
  }

  /** Stores what is waiting; acks that cannot be written to a broken connection are only logged. */
  private void flushQuietly() throws DurableBatch.InputStoppedException {
    try {
      batch.flush(out);
    } catch (DurableBatch.InputStoppedException e) {
      throw e;
    } catch (IOException e) {
      // the batch is stored before acks are written; only the acks to a broken connection failed
      LOG.atDebug().addKeyValue("remote", connection.remote()).addKeyValue("error", e.toString()).log("acks not sent");
    }
  }

  /** Refuses a PING that comes when no handshake is due: none is offered, or it was done already. */
  private void refuseAuthentication() throws IOException {
    String reason = handshake.required() ? "client sent a second PING after the handshake"
        : "client asked for shared-key authentication (PING): " + NO_SHARED_KEY;
    batch.deadLetter(reason, reader.messageExcerpt(), 0);
    batch.flush(out);
    handshake.refuse(connection, out, handshake.required() ? "handshake already done" : "no shared key on this server",
        reason);
  }

  private boolean moreAvailable() throws IOException {
    return raw.total() > in.getTotalReadBytes() || raw.available() > 0;
  }

  private boolean midMessage() {
    return raw.total() > reader.messageStart();
  }

  private String partial() {
    return (raw.total() - reader.messageStart()) + " bytes into it";
  }
}
