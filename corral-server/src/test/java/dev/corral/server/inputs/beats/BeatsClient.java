package dev.corral.server.inputs.beats;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A Beats sender on a plain or TLS socket: writes frames and reads the server's acks ({@code '2' 'A' seq}). Reads
 * wait at most {@link #ANSWER_MILLIS}, a bound for a broken test, not a measure.
 */
final class BeatsClient implements AutoCloseable {
  /** How long the client waits for an ack or a close before the test fails. */
  static final int ANSWER_MILLIS = 30_000;

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  BeatsClient(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(ANSWER_MILLIS);
    this.out = socket.getOutputStream();
    this.in = new DataInputStream(socket.getInputStream());
  }

  static BeatsClient connect(int port) throws IOException {
    return new BeatsClient(new Socket("127.0.0.1", port));
  }

  BeatsClient send(byte[]... frames) throws IOException {
    for (byte[] frame : frames) {
      out.write(frame);
    }
    out.flush();
    return this;
  }

  /** The seq of the next ack; fails on anything else. */
  long ack() throws IOException {
    byte version = in.readByte();
    byte type = in.readByte();
    if (version != '2' || type != 'A') {
      throw new AssertionError("expected an ack '2' 'A', got " + version + " " + type);
    }
    return Integer.toUnsignedLong(in.readInt());
  }

  /** Whether the server closed the connection before sending anything more. */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the server
    }
  }

  /** Reads to the end of the stream; true when the server closed it (after any acks it sent). */
  boolean drainsToClose() throws IOException {
    try {
      while (in.read() >= 0) {
        // acks or keep-alives before the close
      }
      return true;
    } catch (EOFException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
