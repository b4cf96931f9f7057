package dev.corral.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8TextTest {
  @Test
  void encodedLengthMatchesTheJdkEncoder() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 20; i++) {
        text.appendCodePoint(switch (random.nextInt(4)) {
          case 0 -> 'a' + random.nextInt(26);
          case 1 -> 0x80 + random.nextInt(0x780);
          case 2 -> 0x800 + random.nextInt(0xD000 - 0x800);
          default -> 0x10000 + random.nextInt(0x1000);
        });
      }
      String s = text.toString();
      assertThat(Utf8Text.encodedLength(s)).as("seed %d", seed).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
      int budget = random.nextInt(60);
      String cut = Utf8Text.truncate(s, budget);
      assertThat(cut.getBytes(StandardCharsets.UTF_8).length).as("seed %d", seed).isLessThanOrEqualTo(budget);
      assertThat(s).startsWith(cut);
      assertThat(Character.isHighSurrogate(cut.isEmpty() ? 'a' : cut.charAt(cut.length() - 1))).isFalse();
    }
  }

  @Test
  void truncateNeverSplitsASurrogatePair() {
    assertThat(Utf8Text.truncate("ab😀", 5)).isEqualTo("ab");
    assertThat(Utf8Text.truncate("ab😀", 6)).isEqualTo("ab😀");
  }

  @Test
  void findsTheFirstInvalidByte() {
    byte[] valid = "héllo €😀".getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8Text.firstInvalid(valid, 0, valid.length)).isEqualTo(-1);
    assertThat(Utf8Text.firstInvalid(new byte[] {'a', 'b', (byte) 0xFF}, 0, 3)).isEqualTo(2);
    assertThat(Utf8Text.firstInvalid(new byte[] {'a', (byte) 0xC3}, 0, 2)).isEqualTo(1); // cut off
    assertThat(Utf8Text.firstInvalid(new byte[] {(byte) 0xC0, (byte) 0x80}, 0, 2)).isZero(); // overlong
    assertThat(Utf8Text.firstInvalid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3)).isZero(); // surrogate
    assertThat(Utf8Text.firstInvalid(new byte[] {'x', 'a', (byte) 0xE2, 'b'}, 1, 3)).isEqualTo(1);
  }
}
