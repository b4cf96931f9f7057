package dev.corral.server.inputs.syslog;

import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.LineStream;
import dev.corral.server.text.Excerpt;
import dev.corral.server.inputs.socket.ConnectionHandler;
import dev.corral.server.inputs.socket.TcpConnection;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one syslog TCP or TLS connection: reads frames ({@link SyslogFrameReader}), decodes them
 * and stores them in batches — a batch is stored when it is full or when no more bytes are waiting,
 * and while the server refuses writes the connection is not read (TCP backpressure). Messages that
 * cannot be decoded become dead letters; a fatal framing error is stored as a dead letter, logged,
 * and ends the connection. Whatever was decoded before the connection ends is stored. Messages pass
 * through the connection's {@link LineStream}: a pipeline's {@code multiline} block may hold the last
 * lines of a group until a continuation comes, its flush timeout passes (a timer of the connection,
 * started the first time it holds a group, stores it then) or the connection ends. One instance
 * serves every connection of a listener; each call runs on its connection's virtual thread.
 */
final class SyslogTcpHandler implements ConnectionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SyslogTcpHandler.class);

  private final String input;
  private final SyslogDecoder decoder;
  private final BatchWriter writer;
  private final int maxMessageBytes;
  private final Duration frameTimeout;
  /**
   * Longest sleep of a connection's flush timer when no multiline group is open: it is woken when
   * one opens, so this only bounds how long a missed wake-up could delay a flush.
   */
  private static final long MAX_FLUSH_CHECK_NANOS = 1_000_000_000L;

  /**
   * @param maxMessageBytes largest message ({@code ingest.max_event_bytes})
   * @param frameTimeout longest time one message may take to arrive ({@code sockets.idle_timeout})
   */
  SyslogTcpHandler(String input, SyslogDecoder decoder, BatchWriter writer, int maxMessageBytes, Duration frameTimeout) {
    this.input = input;
    this.decoder = decoder;
    this.writer = writer;
    this.maxMessageBytes = maxMessageBytes;
    this.frameTimeout = frameTimeout;
  }

  @Override
  public void handle(TcpConnection connection) throws IOException {
    SyslogFrameReader reader = new SyslogFrameReader(connection.in(), maxMessageBytes, frameTimeout);
    String peer = SyslogUdpHandler.address(connection.remote());
    PendingBatch batch = new PendingBatch();
    LineStream stream = writer.openStream();
    ConnectionLines lines = new ConnectionLines(stream, batch);
    Thread flusher = null; // started when the stream first holds a group: most connections never need one
    try {
      while (true) {
        SyslogFrameReader.Frame frame = reader.next();
        if (frame == null) {
          return;
        }
        long now = Timestamps.toNanos(Instant.now());
        lines.lock.lock();
        try {
          switch (frame) {
            case SyslogFrameReader.Message message -> {
              if (message.length() > 0) {
                decodeInto(lines, message, peer, connection.remote(), now);
              }
            }
            case SyslogFrameReader.Rejected rejected -> {
              batch.add(new DeadLetter(input, rejected.reason() + " (from " + connection.remote() + ")",
                  rejected.excerpt(), (int) Math.min(Integer.MAX_VALUE, rejected.inputBytes())), now);
              if (rejected.fatal()) {
                LOG.atWarn().addKeyValue("input", input).addKeyValue("remote", connection.remote())
                    .addKeyValue("reason", rejected.reason()).log("closing syslog connection");
                return;
              }
            }
          }
          if ((batch.isFull() || !reader.hasBuffered()) && !writer.write(batch)) {
            return; // the listener is closing
          }
        } finally {
          lines.lock.unlock();
        }
        if (stream.flushDeadlineNanos() != Long.MAX_VALUE) { // a group is open: the timer takes its deadline
          if (flusher == null) {
            flusher = Thread.ofVirtual().name(input + "-multiline-flush").start(() -> flushWhenIdle(lines));
          } else {
            LockSupport.unpark(flusher);
          }
        }
      }
    } finally {
      lines.closed = true;
      if (flusher != null) {
        LockSupport.unpark(flusher);
        joinQuietly(flusher);
      }
      long now = Timestamps.toNanos(Instant.now());
      for (LogEvent event : stream.flush()) {
        batch.add(event, event.message().length(), now);
      }
      writer.write(batch);
    }
  }

  /**
   * One connection's line stream and pending batch, shared by its reading thread and its flush timer
   * under {@link #lock}.
   */
  private static final class ConnectionLines {
    final ReentrantLock lock = new ReentrantLock();
    final LineStream stream;
    final PendingBatch batch;
    volatile boolean closed;

    ConnectionLines(LineStream stream, PendingBatch batch) {
      this.stream = stream;
      this.batch = batch;
    }
  }

  /**
   * The flush timer of one connection: stores the open multiline group once no line came for its
   * flush timeout (the last lines of a trace, with nothing after them yet). Sleeps until the stream's
   * deadline, at most {@link #MAX_FLUSH_CHECK_NANOS}; the reading thread wakes it when a group opens.
   */
  private void flushWhenIdle(ConnectionLines lines) {
    while (!lines.closed) {
      long wait;
      lines.lock.lock();
      try {
        long now = System.nanoTime();
        List<LogEvent> idle = lines.stream.flushIfIdle(now);
        if (!idle.isEmpty()) {
          long received = Timestamps.toNanos(Instant.now());
          for (LogEvent event : idle) {
            lines.batch.add(event, event.message().length(), received);
          }
          if (!writer.write(lines.batch)) {
            return; // the listener is closing
          }
        }
        long deadline = lines.stream.flushDeadlineNanos();
        wait = deadline == Long.MAX_VALUE ? MAX_FLUSH_CHECK_NANOS : Math.min(MAX_FLUSH_CHECK_NANOS, deadline - now);
      } finally {
        lines.lock.unlock();
      }
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
    }
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void decodeInto(ConnectionLines lines, SyslogFrameReader.Message message, String peer, String remote,
      long now) {
    try {
      LogEvent event = decoder.decode(message.bytes(), message.offset(), message.length(), peer, now);
      for (LogEvent complete : lines.stream.add(event, System.nanoTime())) {
        lines.batch.add(complete, message.length(), now);
      }
    } catch (InvalidSyslogException e) {
      lines.batch.add(new DeadLetter(input, e.getMessage() + " (from " + remote + ")", Excerpt.of(message.bytes(),
          message.offset(), message.length()), message.length()), now);
    }
  }
}
