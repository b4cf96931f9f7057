package dev.corral.server.inputs.syslog;

import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.text.Excerpt;
import dev.corral.server.inputs.socket.ConnectionHandler;
import dev.corral.server.inputs.socket.TcpConnection;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one syslog TCP or TLS connection: reads frames ({@link SyslogFrameReader}), decodes them
 * and stores them in batches — a batch is stored when it is full or when no more bytes are waiting,
 * and while the server refuses writes the connection is not read (TCP backpressure). Messages that
 * cannot be decoded become dead letters; a fatal framing error is stored as a dead letter, logged,
 * and ends the connection. Whatever was decoded before the connection ends is stored. One instance
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
    try {
      while (true) {
        SyslogFrameReader.Frame frame = reader.next();
        if (frame == null) {
          return;
        }
        long now = Timestamps.toNanos(Instant.now());
        switch (frame) {
          case SyslogFrameReader.Message message -> {
            if (message.length() > 0) {
              decodeInto(batch, message, peer, connection.remote(), now);
            }
          }
          case SyslogFrameReader.Rejected rejected -> {
            batch.add(new DeadLetter(input, rejected.reason() + " (from " + connection.remote() + ")", rejected.excerpt(),
                (int) Math.min(Integer.MAX_VALUE, rejected.inputBytes())), now);
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
      }
    } finally {
      writer.write(batch);
    }
  }

  private void decodeInto(PendingBatch batch, SyslogFrameReader.Message message, String peer, String remote, long now) {
    try {
      LogEvent event = decoder.decode(message.bytes(), message.offset(), message.length(), peer, now);
      batch.add(event, message.length(), now);
    } catch (InvalidSyslogException e) {
      batch.add(new DeadLetter(input, e.getMessage() + " (from " + remote + ")", Excerpt.of(message.bytes(),
          message.offset(), message.length()), message.length()), now);
    }
  }
}
