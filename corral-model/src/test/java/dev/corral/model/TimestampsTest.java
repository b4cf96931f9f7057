package dev.corral.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  @Test
  void formatsLikeInstantWithTheFractionDigitsNeeded() {
    assertThat(Timestamps.format(0)).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(Timestamps.format(1_700_000_000_123_000_000L)).isEqualTo("2023-11-14T22:13:20.123Z");
    assertThat(Timestamps.format(1_700_000_000_123_400_000L)).isEqualTo("2023-11-14T22:13:20.123400Z");
    assertThat(Timestamps.format(1_700_000_000_000_000_001L)).isEqualTo("2023-11-14T22:13:20.000000001Z");
    assertThat(Timestamps.format(-1)).isEqualTo("1969-12-31T23:59:59.999999999Z");
    assertThat(Timestamps.format(Long.MAX_VALUE)).isEqualTo("2262-04-11T23:47:16.854775807Z");
    assertThat(Timestamps.format(Long.MIN_VALUE)).isEqualTo("1677-09-21T00:12:43.145224192Z");
  }

  @Test
  void formatAgreesWithInstantOverTheWholeRange() {
    long seed = new Random().nextLong();
    System.out.println("TimestampsTest seed " + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 200_000; i++) {
      long nanos = switch (i % 4) {
        case 0 -> random.nextLong();
        case 1 -> random.nextLong() / 1_000_000 * 1_000_000; // milliseconds
        case 2 -> random.nextLong() / 1_000 * 1_000; // microseconds
        default -> random.nextLong() / 1_000_000_000 * 1_000_000_000; // whole seconds
      };
      assertThat(Timestamps.format(nanos)).as("seed %d, %d ns", seed, nanos)
          .isEqualTo(Timestamps.toInstant(nanos).toString());
    }
  }

  @Test
  void leapDaysAndYearEndsFormatLikeInstant() {
    for (String text : new String[] {"2024-02-29T12:00:00Z", "2100-02-28T23:59:59Z", "2100-03-01T00:00:00Z",
        "2000-02-29T00:00:00Z", "1999-12-31T23:59:59.999Z", "1900-03-01T00:00:00Z", "1700-01-01T00:00:00Z"}) {
      assertThat(Timestamps.format(Timestamps.toNanos(Instant.parse(text)))).isEqualTo(text);
    }
  }

  @Test
  void formatToWritesAtTheOffsetAndSaysHowMuch() {
    byte[] target = new byte[5 + Timestamps.MAX_ISO_LENGTH];

    int length = Timestamps.formatTo(Long.MAX_VALUE, target, 5);

    assertThat(length).isEqualTo(Timestamps.MAX_ISO_LENGTH);
    assertThat(new String(target, 5, length, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("2262-04-11T23:47:16.854775807Z");
  }

  @Test
  void toNanosReachesBothEndsOfTheLongRangeAndNoFurther() {
    assertThat(Timestamps.toNanos(Timestamps.toInstant(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
    assertThat(Timestamps.toNanos(Timestamps.toInstant(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    assertThat(Timestamps.toNanos(Timestamps.toInstant(-1))).isEqualTo(-1);
    assertThatThrownBy(() -> Timestamps.toNanos(Timestamps.toInstant(Long.MIN_VALUE).minusNanos(1)))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Timestamps.toNanos(Timestamps.toInstant(Long.MAX_VALUE).plusNanos(1)))
        .isInstanceOf(ArithmeticException.class);
  }
}
