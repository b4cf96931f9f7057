package dev.corral.ship.lines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  private static List<Line> readAll(byte[] bytes, int maxLineBytes) throws Exception {
    List<Line> lines = new ArrayList<>();
    LineReader reader = new LineReader(Channels.newChannel(new ByteArrayInputStream(bytes)), 0, maxLineBytes);
    while (reader.read(lines::add) >= 0) {
      // reading
    }
    reader.drainPartial(lines::add);
    return lines;
  }

  @Test
  void splitsAtNewlinesDropsCarriageReturnsAndCountsOffsets() throws Exception {
    List<Line> lines = readAll("one\r\ntwo\n\nthree".getBytes(StandardCharsets.UTF_8), 100);
    assertThat(lines).extracting(Line::text).containsExactly("one", "two", "", "three");
    assertThat(lines).extracting(Line::endOffset).containsExactly(5L, 9L, 10L, 15L);
    assertThat(lines).noneMatch(Line::truncated);
  }

  @Test
  void anUnterminatedLineWaitsForItsNewline() throws Exception {
    byte[][] chunks = {"first\nsec".getBytes(StandardCharsets.UTF_8), "ond\n".getBytes(StandardCharsets.UTF_8)};
    ReadableByteChannel channel = new ReadableByteChannel() {
      int next;

      @Override
      public int read(ByteBuffer dst) {
        if (next == chunks.length) {
          return 0; // nothing more yet, as a file at its end
        }
        dst.put(chunks[next++]);
        return chunks[next - 1].length;
      }

      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public void close() {}
    };
    List<Line> lines = new ArrayList<>();
    LineReader reader = new LineReader(channel, 100, 1000);
    reader.read(lines::add);
    assertThat(lines).extracting(Line::text).containsExactly("first");
    assertThat(reader.hasPartial()).isTrue();
    assertThat(reader.readOffset()).isEqualTo(109);
    reader.read(lines::add);
    assertThat(lines).extracting(Line::text).containsExactly("first", "second");
    assertThat(lines.getLast().endOffset()).isEqualTo(113);
    assertThat(reader.read(lines::add)).isZero();
  }

  @Test
  void invalidUtf8IsReplacedNotFatal() throws Exception {
    byte[] bytes = {'o', 'k', (byte) 0xff, (byte) 0xfe, ' ', (byte) 0xc3, '\n', 'x', '\n'};
    List<Line> lines = readAll(bytes, 100);
    assertThat(lines).extracting(Line::text).containsExactly("ok\uFFFD\uFFFD \uFFFD", "x");
  }

  @Test
  void aTenMegabyteLineIsCutAtTheLimitAndTheNextLineSurvives() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("before\n".getBytes(StandardCharsets.UTF_8));
    byte[] huge = new byte[10 << 20];
    Arrays.fill(huge, (byte) 'x');
    huge[1000] = (byte) 0xC3; // a two-byte character across the limit of 1001 bytes
    huge[1001] = (byte) 0xA9;
    out.write(huge);
    out.write("\nafter\n".getBytes(StandardCharsets.UTF_8));
    List<Line> lines = readAll(out.toByteArray(), 1001);
    assertThat(lines).extracting(Line::text).element(0).isEqualTo("before");
    assertThat(lines.get(1).truncated()).isTrue();
    assertThat(lines.get(1).text()).hasSize(1000).matches("x+"); // cut before the character, not through it
    assertThat(lines.get(1).endOffset()).isEqualTo(7 + huge.length + 1);
    assertThat(lines.get(2)).isEqualTo(new Line("after", 7 + huge.length + 7, false));
  }

  @Test
  void binaryGarbageBecomesBoundedLinesWithoutFailing() throws Exception {
    long seed = System.nanoTime();
    byte[] garbage = new byte[3 << 20];
    new Random(seed).nextBytes(garbage);
    List<Line> lines = readAll(garbage, 4096);
    assertThat(lines).as("seed %d", seed).isNotEmpty()
        .allMatch(line -> line.text().length() <= 4096);
    assertThat(lines.getLast().endOffset()).as("seed %d", seed).isEqualTo(garbage.length);
  }

  @Test
  void emptyStreamHasNoLines() throws Exception {
    assertThat(readAll(new byte[0], 10)).isEmpty();
  }

}
