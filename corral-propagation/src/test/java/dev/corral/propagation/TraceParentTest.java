package dev.corral.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The receiving rules of W3C Trace Context for {@code traceparent}, with the specification's own examples. */
class TraceParentTest {
  private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void readsAndWritesTheSpecificationsExample() {
    TraceParent parent = TraceParent.parse(VALID).orElseThrow();
    assertThat(parent.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(parent.parentId()).isEqualTo("00f067aa0ba902b7");
    assertThat(parent.flags()).isEqualTo(TraceParent.SAMPLED);
    assertThat(parent.format()).isEqualTo(VALID);
    assertThat(new TraceParent(parent.traceId(), parent.parentId(), 0).format()).endsWith("-00");
    assertThat(new TraceParent(parent.traceId(), parent.parentId(), 0xab).format()).endsWith("-ab");
  }

  @Test
  void aFutureVersionIsReadByItsVersion00Prefix() {
    assertThat(TraceParent.parse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-holds"))
        .hasValueSatisfying(p -> assertThat(p.format()).isEqualTo(VALID));
    assertThat(TraceParent.parse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isPresent();
    assertThat(TraceParent.parse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero parent id
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // version ff is forbidden
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // uppercase
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", // version 00 has nothing after
      "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", // trace id one digit short
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1", // flags one digit short
      "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01", // wrong separators
      "00-4bf92f3577b34da6a3ce929d0e0e47zz-00f067aa0ba902b7-01", // not hex
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
      "0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\u0000"})
  void malformedValuesAreAbsent(String header) {
    assertThat(TraceParent.parse(header)).isEmpty();
  }

  /**
   * Random values and one-character mutations of valid ones: parse never throws, and what it accepts reads
   * back as its own first 55 characters with version 00. Prints its seed.
   */
  @Test
  void randomAndMutatedValuesNeverThrowAndAcceptOnlyWellFormedOnes() {
    long seed = System.nanoTime();
    System.out.println("TraceParentTest seed " + seed);
    Random random = new Random(seed);
    String alphabet = "0123456789abcdefABCDEF-xz \t\u0000\u00e9";
    for (int round = 0; round < 20_000; round++) {
      String value;
      if (random.nextBoolean()) {
        StringBuilder noise = new StringBuilder();
        int length = random.nextInt(70);
        for (int i = 0; i < length; i++) {
          noise.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        value = noise.toString();
      } else {
        TraceParent valid = new TraceParent(RandomIds.traceId(), RandomIds.spanId(), random.nextInt(256));
        char[] chars = valid.format().toCharArray();
        chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
        value = new String(chars);
      }
      String input = value;
      Optional<TraceParent> parsed = TraceParent.parse(input);
      parsed.ifPresent(p -> assertThat(p.format()).as("seed %d, input '%s'", seed, input)
          .isEqualTo("00" + input.strip().substring(2, TraceParent.LENGTH)));
    }
  }

  @Test
  void nullIsAbsent() {
    assertThat(TraceParent.parse(null)).isEmpty();
  }

  @Test
  void theConstructorNamesTheBadValue() {
    assertThatThrownBy(() -> new TraceParent("0".repeat(32), "00f067aa0ba902b7", 1))
        .hasMessageContaining("trace id '" + "0".repeat(32) + "'");
    assertThatThrownBy(() -> new TraceParent("4bf92f3577b34da6a3ce929d0e0e4736", "xyz", 1))
        .hasMessageContaining("parent id 'xyz'");
    assertThatThrownBy(() -> new TraceParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", 256))
        .hasMessageContaining("256");
  }
}
