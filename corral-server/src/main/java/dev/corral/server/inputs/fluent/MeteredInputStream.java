package dev.corral.server.inputs.fluent;

import dev.corral.server.inputs.socket.SenderPace;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The connection's input as the forward reader sees it: counts the bytes read, remembers the last
 * {@link #HISTORY_BYTES} of them for dead-letter excerpts, and disconnects a sender whose current
 * message trickles in slower than {@link ForwardLimits#minBytesPerSecond()} once past
 * {@link ForwardLimits#slowSenderGrace()} (slowloris). Only time spent blocked in reads counts, so
 * the time the server itself spends waiting for the WAL never makes a sender look slow. One per
 * connection; not thread-safe.
 */
final class MeteredInputStream extends FilterInputStream {
  /** Raw bytes kept for excerpts: enough to show the start of a broken message. */
  static final int HISTORY_BYTES = 4096;

  private final SenderPace pace;
  private final byte[] history = new byte[HISTORY_BYTES];
  private long total;
  private long messageBytes;
  private long messageWaitNanos;

  MeteredInputStream(InputStream in, ForwardLimits limits) {
    super(in);
    this.pace = new SenderPace(limits.slowSenderGrace(), limits.minBytesPerSecond());
  }

  /** Bytes read from the connection so far. */
  long total() {
    return total;
  }

  /** Starts measuring the rate of a new message (its first bytes may already be buffered). */
  void startMessage() {
    messageBytes = 0;
    messageWaitNanos = 0;
  }

  /**
   * The raw bytes from connection position {@code from} on (as far as read and still remembered),
   * at most {@code max} of them; empty when they are no longer in the history.
   */
  byte[] recent(long from, int max) {
    long start = Math.max(from, Math.max(0, total - HISTORY_BYTES));
    int length = (int) Math.max(0, Math.min(max, total - start));
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = history[(int) ((start + i) % HISTORY_BYTES)];
    }
    return bytes;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    long started = System.nanoTime();
    int n = super.read(b, off, len);
    if (n <= 0) {
      return n;
    }
    if (messageBytes > 0) {
      // the wait for a message's first bytes is the sender being idle, not slow
      messageWaitNanos += System.nanoTime() - started;
    }
    messageBytes += n;
    remember(b, off, n);
    checkRate();
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(n, 8192)];
    int read = read(scratch, 0, scratch.length);
    return Math.max(read, 0);
  }

  private void remember(byte[] b, int off, int n) {
    int skip = Math.max(0, n - HISTORY_BYTES);
    int length = n - skip;
    int at = (int) ((total + skip) % HISTORY_BYTES);
    int first = Math.min(length, HISTORY_BYTES - at);
    System.arraycopy(b, off + skip, history, at, first);
    System.arraycopy(b, off + skip + first, history, 0, length - first);
    total += n;
  }

  private void checkRate() throws SlowSenderException {
    String reason = pace.tooSlow("message", messageBytes, messageWaitNanos);
    if (reason != null) {
      throw new SlowSenderException(reason);
    }
  }

  /** A sender too slow to keep its connection. */
  static final class SlowSenderException extends IOException {
    private static final long serialVersionUID = 1L;

    SlowSenderException(String reason) {
      super(reason);
    }
  }
}
