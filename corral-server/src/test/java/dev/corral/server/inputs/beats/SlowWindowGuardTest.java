package dev.corral.server.inputs.beats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.server.inputs.socket.SenderPace;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A window that trickles in is ended once past the grace; time outside a window (the sender idle between windows)
 * is never counted. The limits are tiny so that the checks trip within a few hundred milliseconds; nothing asserts a
 * duration, only which reads fail.
 */
class SlowWindowGuardTest {
  private static final BeatsLimits STRICT = new BeatsLimits(BeatsLimits.DEFAULT_MAX_WINDOW_EVENTS,
      BeatsLimits.DEFAULT_MAX_FRAME_BYTES, BeatsLimits.DEFAULT_MAX_INFLATED_BYTES, BeatsLimits.DEFAULT_BATCH_EVENTS,
      BeatsLimits.DEFAULT_BATCH_BYTES, BeatsLimits.DEFAULT_KEEP_ALIVE_INTERVAL,
      new SenderPace(Duration.ofMillis(100), 1000));

  /** One byte per read, each after a pause: 50 bytes/s at most. */
  private static final class Trickle extends InputStream {
    @Override
    public int read() throws IOException {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      return '2';
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      b[off] = (byte) read();
      return 1;
    }
  }

  @Test
  void aTricklingWindowIsEndedOncePastTheGrace() {
    SlowWindowGuard guard = new SlowWindowGuard(new Trickle(), STRICT);
    guard.startWindow();
    byte[] buffer = new byte[16];
    assertThatThrownBy(() -> {
      for (int i = 0; i < 1_000; i++) { // bounded: the check trips after ~100 ms of waiting
        guard.read(buffer, 0, buffer.length);
      }
    }).isInstanceOf(LumberjackException.class).hasMessageContaining("slower than the minimum of 1000 bytes/s")
        .hasMessageContaining("slowloris");
  }

  @Test
  void theSameTrickleOutsideAWindowIsIdleNotSlow() throws IOException {
    SlowWindowGuard guard = new SlowWindowGuard(new Trickle(), STRICT);
    byte[] buffer = new byte[16];
    for (int i = 0; i < 20; i++) { // 400 ms of waiting, four times the grace
      assertThat(guard.read(buffer, 0, buffer.length)).isEqualTo(1);
    }
    guard.startWindow();
    guard.endWindow();
    for (int i = 0; i < 20; i++) {
      assertThat(guard.read(buffer, 0, buffer.length)).isEqualTo(1);
    }
  }
}
