package dev.corral.server.inputs.syslog;

import dev.corral.model.LogEvent;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.text.Excerpt;
import dev.corral.server.inputs.socket.Datagram;
import dev.corral.server.inputs.socket.DatagramHandler;
import dev.corral.server.inputs.socket.UdpListener;
import java.util.List;

/**
 * Decodes syslog datagrams and stores each batch the listener hands over as one WAL append,
 * retrying while the server refuses writes (the listener's queue absorbs the wait, then counts
 * drops, which are stored as a dead letter). A datagram usually holds one message; one holding
 * several, separated by a line feed before a {@code <PRI>}, is split there — a line feed followed
 * by anything else belongs to the message (stack traces stay whole). Runs on the listener's one
 * processing thread.
 */
final class SyslogUdpHandler implements DatagramHandler {
  private final String input;
  private final SyslogDecoder decoder;
  private final BatchWriter writer;
  private final int maxMessageBytes;

  /** @param maxMessageBytes largest message ({@code ingest.max_event_bytes}) */
  SyslogUdpHandler(String input, SyslogDecoder decoder, BatchWriter writer, int maxMessageBytes) {
    this.input = input;
    this.decoder = decoder;
    this.writer = writer;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public void handle(List<Datagram> datagrams) {
    PendingBatch batch = new PendingBatch();
    for (Datagram datagram : datagrams) {
      byte[] data = datagram.data();
      String peer = address(datagram.sender());
      int from = 0;
      for (int i = 0; i < data.length; i++) {
        if (data[i] == '\n' && i + 1 < data.length && data[i + 1] == '<') {
          decodeInto(batch, datagram, peer, from, i);
          from = i + 1;
        }
      }
      decodeInto(batch, datagram, peer, from, data.length);
      if (batch.isFull() && !writer.write(batch)) {
        return;
      }
    }
    writer.write(batch);
  }

  private void decodeInto(PendingBatch batch, Datagram datagram, String peer, int from, int to) {
    byte[] data = datagram.data();
    if (isBlank(data, from, to)) {
      return;
    }
    int length = to - from;
    try {
      if (length > maxMessageBytes) {
        throw new InvalidSyslogException("message of " + length + " bytes is larger than the limit of " + maxMessageBytes
            + " (ingest.max_event_bytes)");
      }
      LogEvent event = decoder.decode(data, from, length, peer, datagram.receivedAtNanos());
      batch.add(event, length, datagram.receivedAtNanos());
    } catch (InvalidSyslogException e) {
      batch.add(new DeadLetter(input, e.getMessage() + " (from " + datagram.sender() + ")",
          Excerpt.of(data, from, length), length),
          datagram.receivedAtNanos());
    }
  }

  @Override
  public void dropped(long count, long receivedAtNanos) {
    PendingBatch batch = new PendingBatch();
    batch.add(new DeadLetter(input, count + " datagrams dropped: processing fell behind and the queue of "
        + UdpListener.QUEUE_CAPACITY + " datagrams was full; UDP has no backpressure, use syslog over TCP to never "
        + "lose messages", "", 0), receivedAtNanos);
    writer.write(batch);
  }

  private static boolean isBlank(byte[] data, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = data[i];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && b != 0) {
        return false;
      }
    }
    return true;
  }

  /** The address part of {@code host:port} (the port of a sender is ephemeral, so not part of its identity). */
  static String address(String remote) {
    int colon = remote.lastIndexOf(':');
    String address = colon > 0 ? remote.substring(0, colon) : remote;
    return address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
  }
}
