package dev.corral.server.inputs.fluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The connection meter: slowloris detection on the time spent waiting for a message, and the excerpt history. */
class MeteredInputStreamTest {
  private static final ForwardLimits STRICT = new ForwardLimits(4096, 1024, 1000, 1 << 20, 100,
      Duration.ofMillis(100), 1000);

  /** Delivers one byte per read after a pause: a slowloris. */
  private static final class Trickle extends InputStream {
    private final long pauseMillis;

    Trickle(long pauseMillis) {
      this.pauseMillis = pauseMillis;
    }

    @Override
    public int read() throws IOException {
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      return 'x';
    }
  }

  @Test
  void tricklingSenderIsDisconnectedOncePastTheGrace() {
    MeteredInputStream in = new MeteredInputStream(new Trickle(20), STRICT);
    in.startMessage();
    byte[] buffer = new byte[16];
    assertThatThrownBy(() -> {
      for (int i = 0; i < 1_000; i++) { // bounded: the check trips after ~100 ms of waiting
        in.read(buffer, 0, buffer.length);
      }
    }).isInstanceOf(MeteredInputStream.SlowSenderException.class)
        .hasMessageContaining("slower than the minimum of 1000 bytes/s").hasMessageContaining("slowloris");
  }

  @Test
  void waitingForTheFirstByteOfAMessageIsIdleNotSlow() throws IOException {
    InputStream idleThenFast = new InputStream() {
      private int sent;

      @Override
      public int read() throws IOException {
        return -1;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (sent == 0) {
          try {
            Thread.sleep(300); // the sender is idle between messages, longer than the grace
          } catch (InterruptedException e) {
            throw new IOException(e);
          }
        }
        sent += len;
        return sent > 64 * 1024 ? -1 : len;
      }
    };
    MeteredInputStream in = new MeteredInputStream(idleThenFast, STRICT);
    in.startMessage();
    byte[] buffer = new byte[4096];
    long total = 0;
    for (int n; (n = in.read(buffer, 0, buffer.length)) > 0; ) {
      total += n;
    }
    assertThat(total).isEqualTo(in.total()).isGreaterThan(60_000);
  }

  @Test
  void recentBytesAreKeptForExcerptsUpToTheHistorySize() throws IOException {
    byte[] data = new byte[MeteredInputStream.HISTORY_BYTES * 2 + 10];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    MeteredInputStream in = new MeteredInputStream(new ByteArrayInputStream(data), ForwardLimits.DEFAULTS);
    in.readNBytes(5000);
    assertThat(in.recent(4990, 5)).containsExactly((byte) 4990, (byte) 4991, (byte) 4992, (byte) 4993, (byte) 4994);
    in.readAllBytes();
    assertThat(in.recent(0, 10)).hasSize(10).startsWith((byte) (data.length - MeteredInputStream.HISTORY_BYTES));
    assertThat(in.recent(data.length - 3, 10)).containsExactly(data[data.length - 3], data[data.length - 2],
        data[data.length - 1]);
  }
}
