package dev.corral.server.inputs.beats;

import dev.corral.server.inputs.socket.SenderPace;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The connection's input as the frame reader sees it, ending a window that trickles in: once the reads of the current
 * window have waited longer than the grace of {@link BeatsLimits#pace()} in all, the window must have arrived at
 * its minimum rate or faster over that wait, else the sender is stalled or hostile (slowloris)
 * and the read fails with a {@link LumberjackException}. Only time blocked in reads counts, so neither the time the
 * server spends storing nor the sender's idle time between windows makes it look slow. (The idle timeout still ends a
 * connection that sends nothing at all.) One per connection; not thread-safe.
 */
final class SlowWindowGuard extends FilterInputStream {
  private final SenderPace pace;
  private boolean inWindow;
  private long windowBytes;
  private long waitNanos;

  SlowWindowGuard(InputStream in, BeatsLimits limits) {
    super(in);
    this.pace = limits.pace();
  }

  /** A window frame was read: its events are measured from here. */
  void startWindow() {
    inWindow = true;
    windowBytes = 0;
    waitNanos = 0;
  }

  /** The window's events are in: what follows is idle time until the next window. */
  void endWindow() {
    inWindow = false;
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
    if (inWindow && n > 0) {
      waitNanos += System.nanoTime() - started;
      windowBytes += n;
      check();
    }
    return n;
  }

  private void check() throws LumberjackException {
    String reason = pace.tooSlow("window", windowBytes, waitNanos);
    if (reason != null) {
      throw new LumberjackException(reason);
    }
  }
}
