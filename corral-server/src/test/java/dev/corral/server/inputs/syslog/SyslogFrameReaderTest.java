package dev.corral.server.inputs.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Framing is detected per message, and every broken frame is reported instead of being dropped. */
class SyslogFrameReaderTest {
  private static final int MAX = 100;

  /** Reads every frame: messages as their text, rejections as "!reason" ("!!" when fatal). */
  private static List<String> frames(InputStream in, int max) throws IOException {
    SyslogFrameReader reader = new SyslogFrameReader(in, max, Duration.ofMinutes(1));
    List<String> frames = new ArrayList<>();
    SyslogFrameReader.Frame frame;
    while ((frame = reader.next()) != null) {
      switch (frame) {
        case SyslogFrameReader.Message m -> frames.add(new String(m.bytes(), m.offset(), m.length(), StandardCharsets.UTF_8));
        case SyslogFrameReader.Rejected r -> {
          frames.add((r.fatal() ? "!!" : "!") + r.reason());
          if (r.fatal()) {
            return frames;
          }
        }
      }
    }
    return frames;
  }

  private static List<String> frames(String stream) throws IOException {
    return frames(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), MAX);
  }

  @Test
  void octetCountedFramesKeepLineFeedsAndMayBeMixedWithNewlineFraming() throws IOException {
    assertThat(frames("9 <13>a\nb\nc10 <13>ünï\n<14>plain\n5 <13>x"))
        .containsExactly("<13>a\nb\nc", "<13>ünï\n", "<14>plain", "<13>x");
  }

  @Test
  void newlineFramingSplitsAtEachLineFeedAndTakesTheLastMessageWithoutOne() throws IOException {
    assertThat(frames("<13>one\r\n<13>two\n\n<13>three")).containsExactly("<13>one\r", "<13>two", "<13>three");
  }

  @Test
  void messagesStartingWithDigitsAreNotMistakenForLengths() throws IOException {
    assertThat(frames("2026-03-09 a line\n42 is the answer\n1700000000123 epoch\n"))
        .containsExactly("2026-03-09 a line", "42 is the answer", "1700000000123 epoch");
  }

  @Test
  void nulTerminatedSendersKeepTheirLineFeeds() throws IOException {
    assertThat(frames("<11>boom\nTraceback:\n  File x\u0000<11>next\nline\u0000"))
        .containsExactly("<11>boom\nTraceback:\n  File x", "<11>next\nline");
  }

  @Test
  void oversizedOctetCountedFrameIsSkippedExactlyAndTheNextOneRead() throws IOException {
    String big = "<13>" + "x".repeat(200);
    assertThat(frames(big.length() + " " + big + "5 <13>y")).containsExactly(
        "!message of 204 bytes is larger than the limit of 100 (ingest.max_event_bytes); skipped", "<13>y");
  }

  @Test
  void oversizedDelimitedMessageIsDiscardedUpToTheNextLineFeed() throws IOException {
    assertThat(frames("<13>" + "x".repeat(300) + "\n<13>after\n")).containsExactly(
        "!message longer than the limit of 100 bytes (ingest.max_event_bytes); discarded up to the next line feed (304 bytes)",
        "<13>after");
  }

  @Test
  void absurdFrameLengthIsFatal() throws IOException {
    assertThat(frames("1601 <13>x")).containsExactly(
        "!!frame length 1601 is absurd: more than 16 times the limit of 100 bytes (ingest.max_event_bytes)");
    assertThat(frames("5 <13>a99999999999 <13>x")).containsExactly("<13>a",
        "!!frame length '9999999999'… has more than 10 digits");
  }

  @Test
  void frameLengthThatLiesIsFatal() throws IOException {
    assertThat(frames("5 <13>hello world\n")).containsExactly("<13>h",
        "!!octet-counted frame length did not match its message: the next frame starts with 'ello world\n' instead of a length or '<'");
    assertThat(frames("50 <13>short")).containsExactly("!!connection closed after 9 of 50 bytes of an octet-counted frame");
  }

  @Test
  void randomGarbageEndsInFramesAndRejectionsNeverAnException() throws IOException {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int run = 0; run < 200; run++) {
      byte[] garbage = new byte[random.nextInt(2000)];
      random.nextBytes(garbage);
      List<String> frames = frames(new ByteArrayInputStream(garbage), MAX);
      assertThat(frames).as("seed %d", seed).allSatisfy(frame -> assertThat(frame.length()).isLessThan(MAX + 200));
    }
  }
}
