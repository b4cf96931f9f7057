package dev.corral.server.inputs.gelf;

import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.text.Excerpt;
import dev.corral.server.inputs.socket.ConnectionHandler;
import dev.corral.server.inputs.socket.RetryingStore;
import dev.corral.server.inputs.socket.TcpConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one GELF TCP connection: uncompressed GELF JSON messages, each ended by a NUL byte (the
 * GELF TCP framing) or a newline (which some senders use instead); {@code \r} before it and empty
 * frames are ignored. Each frame is mapped exactly as the HTTP input maps a message
 * ({@link GelfMessageDecoder}). Events are stored in batches of up to {@link #MAX_BATCH}, or
 * whenever no more bytes are waiting; while the server cannot take writes the same batch is retried
 * and the connection is not read ({@link RetryingStore}), so TCP flow control slows the sender.
 *
 * <p>Dead letters ({@code dead_letter.input:gelf-tcp}): a frame that is not a GELF message; a frame
 * over {@code ingest.max_event_bytes}, whose bytes are discarded up to the next NUL; a compressed
 * frame; a last frame cut off by the connection's end or its idle timeout; a frame still
 * incomplete after the idle timeout although bytes keep trickling in (a slowloris sender), which
 * also closes the connection. One instance serves every connection; each connection's state lives
 * on its own virtual thread.
 */
final class GelfTcpHandler implements ConnectionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(GelfTcpHandler.class);
  /** The listener name, and the {@code dead_letter.input} of what it rejects. */
  static final String INPUT = "gelf-tcp";
  /** Events per WAL append at most: large appends amortise the fsync, smaller ones keep latency low. */
  static final int MAX_BATCH = 1_000;
  /** Bytes read from the socket at once. */
  private static final int READ_BUFFER = 64 * 1024;
  /** Start size of a connection's frame buffer; it grows to the message limit only for large messages. */
  private static final int INITIAL_FRAME_BUFFER = 8 * 1024;

  private final GelfMessageDecoder decoder;
  private final RetryingStore store;
  private final int maxFrameBytes;
  private final Duration frameDeadline;

  /** @param frameDeadline longest a frame may take to arrive: the idle timeout */
  GelfTcpHandler(GelfMessageDecoder decoder, RetryingStore store, Duration frameDeadline) {
    this.decoder = decoder;
    this.store = store;
    this.maxFrameBytes = decoder.limits().maxEventBytes();
    this.frameDeadline = frameDeadline;
  }

  @Override
  public void handle(TcpConnection connection) throws IOException {
    new Session(connection).run();
  }

  /** The state of one connection. */
  private final class Session {
    private final TcpConnection connection;
    private final List<LogEvent> events = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private byte[] frame = new byte[INITIAL_FRAME_BUFFER];
    private int frameLength;
    private long frameStartedNanos;
    /** Bytes of an oversized frame seen so far, 0 when not discarding. */
    private long discarding;
    private String discardedExcerpt;
    private long receivedAt;

    Session(TcpConnection connection) {
      this.connection = connection;
    }

    void run() throws IOException {
      InputStream in = connection.in();
      byte[] buffer = new byte[READ_BUFFER];
      while (!store.stopped()) {
        if (in.available() == 0 && !flush()) {
          return;
        }
        int n;
        try {
          n = in.read(buffer);
        } catch (SocketTimeoutException e) {
          endOfInput("the connection was idle for " + frameDeadline.toSeconds() + " s (sockets.idle_timeout)");
          throw e;
        }
        if (n < 0) {
          endOfInput("the connection closed");
          return;
        }
        receivedAt = Timestamps.toNanos(Instant.now());
        if (!split(buffer, n)) {
          return;
        }
        if (stalled()) {
          int pending = frameLength;
          addDeadLetter("GELF TCP frame still incomplete after " + frameDeadline.toSeconds() + " s (sockets.idle_timeout) with "
              + pending + " bytes: a sender this slow is taken for a stalled or slowloris connection; closed", 0, pending);
          flush();
          LOG.atWarn().addKeyValue("input", INPUT).addKeyValue("remote", connection.remote())
              .addKeyValue("frame_bytes", pending).log("frame incomplete past the idle timeout; connection closed");
          return;
        }
      }
    }

    /** Splits {@code buffer[0, n)} at NUL and newline; false when a store gave up (input stopped). */
    private boolean split(byte[] buffer, int n) {
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (buffer[i] == 0 || buffer[i] == '\n') {
          append(buffer, start, i);
          endFrame();
          start = i + 1;
          if (events.size() + deadLetters.size() >= MAX_BATCH && !flush()) {
            return false;
          }
        }
      }
      append(buffer, start, n);
      return true;
    }

    private void append(byte[] bytes, int from, int to) {
      int length = to - from;
      if (length == 0) {
        return;
      }
      if (frameLength == 0 && discarding == 0) {
        frameStartedNanos = System.nanoTime();
      }
      if (discarding > 0) {
        discarding += length;
        return;
      }
      if (frameLength + length > maxFrameBytes) {
        discardedExcerpt = frameLength > 0 ? Excerpt.textOrHex(frame, 0, frameLength) : Excerpt.textOrHex(bytes, from, to);
        discarding = (long) frameLength + length;
        frameLength = 0;
        frame = new byte[INITIAL_FRAME_BUFFER];
        return;
      }
      if (frameLength + length > frame.length) {
        int size = frame.length;
        while (size < frameLength + length) {
          size = Math.min(maxFrameBytes, size * 2);
        }
        frame = Arrays.copyOf(frame, size);
      }
      System.arraycopy(bytes, from, frame, frameLength, length);
      frameLength += length;
    }

    /** A NUL or newline ended the current frame. */
    private void endFrame() {
      if (discarding > 0) {
        deadLetters.add(deadLetter("GELF TCP frame is " + discarding + " bytes, more than the limit of " + maxFrameBytes
            + " bytes (ingest.max_event_bytes); discarded up to its NUL", discardedExcerpt, discarding));
        discarding = 0;
        discardedExcerpt = null;
        return;
      }
      int end = frameLength;
      if (end > 0 && frame[end - 1] == '\r') {
        end--;
      }
      if (end > 0) {
        decodeFrame(end, "");
      }
      frameLength = 0;
      if (frame.length > READ_BUFFER) {
        frame = new byte[INITIAL_FRAME_BUFFER]; // give back the memory of a large message
      }
    }

    private void decodeFrame(int length, String context) {
      GelfCompression.Kind compression = GelfCompression.sniff(frame, 0, length);
      if (compression != null) {
        addDeadLetter(context + "GELF TCP frames are uncompressed JSON; this one starts like " + compression.label(),
            0, length);
        return;
      }
      try {
        events.add(decoder.decode(frame, 0, length, receivedAt));
      } catch (InvalidEventException e) {
        addDeadLetter(context + e.reason(), 0, length);
      }
    }

    /** The connection ended (closed or idle): a frame it left unfinished is decoded if it can be. */
    private void endOfInput(String why) {
      if (discarding > 0) {
        deadLetters.add(deadLetter("GELF TCP frame of at least " + discarding + " bytes, more than the limit of "
            + maxFrameBytes + " bytes (ingest.max_event_bytes), cut off: " + why, discardedExcerpt, discarding));
      } else if (frameLength > 0 && !isBlank()) {
        decodeFrame(frameLength, "last frame had no NUL before " + why + ": ");
      }
      frameLength = 0;
      discarding = 0;
      flush();
    }

    private boolean isBlank() {
      for (int i = 0; i < frameLength; i++) {
        byte b = frame[i];
        if (b != ' ' && b != '\t' && b != '\r') {
          return false;
        }
      }
      return true;
    }

    private boolean stalled() {
      return (frameLength > 0 || discarding > 0) && System.nanoTime() - frameStartedNanos > frameDeadline.toNanos();
    }

    private boolean flush() {
      if (events.isEmpty() && deadLetters.isEmpty()) {
        return true;
      }
      boolean stored = store.store(events, deadLetters, receivedAt);
      events.clear();
      deadLetters.clear();
      return stored;
    }

    private void addDeadLetter(String reason, int start, int end) {
      deadLetters.add(deadLetter(reason, Excerpt.textOrHex(frame, start, end), end - start));
    }

    private DeadLetter deadLetter(String reason, String excerpt, long bytes) {
      return new DeadLetter(INPUT, reason + " [from " + connection.remote() + "]", excerpt,
          (int) Math.min(Integer.MAX_VALUE, bytes));
    }
  }
}
