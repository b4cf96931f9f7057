package dev.corral.server.inputs.fluent;

import java.io.IOException;
import java.io.InputStream;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * The {@code length} payload bytes of a msgpack str or bin whose header the connection's unpacker
 * has just read, as a stream: a PackedForward payload is decoded while it arrives, so its size
 * never has to fit in memory. Failures of the connection itself surface as
 * {@link PeerStreamException}. Not thread-safe.
 */
final class PayloadInputStream extends InputStream {
  private static final int SKIP_CHUNK = 8192;

  private final MessageUnpacker outer;
  private long remaining;

  PayloadInputStream(MessageUnpacker outer, long length) {
    this.outer = outer;
    this.remaining = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (remaining == 0) {
      return -1;
    }
    int n = (int) Math.min(len, remaining);
    try {
      outer.readPayload(b, off, n);
    } catch (IOException | MessagePackException e) {
      throw new PeerStreamException(e);
    }
    remaining -= n;
    return n;
  }

  /**
   * The bytes still to come: the sender has declared them, so a reader (such as
   * {@code GZIPInputStream} looking for a further member) may count on them.
   */
  @Override
  public int available() {
    return (int) Math.min(remaining, Integer.MAX_VALUE);
  }

  /** Reads and drops what is left of the payload, so the connection stands after it. */
  void skipRemaining() throws IOException {
    byte[] scratch = new byte[(int) Math.min(SKIP_CHUNK, Math.max(remaining, 1))];
    while (remaining > 0) {
      read(scratch, 0, scratch.length);
    }
  }

  long remaining() {
    return remaining;
  }
}
