package dev.corral.model.normalize;

import static dev.corral.model.normalize.TimestampParser.UNPARSEABLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.Timestamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampParserTest {
  private static final long BASE = Timestamps.parseIso("2026-11-21T17:00:00Z");

  private static long iso(String text) {
    return Timestamps.parseIso(text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "2026-11-21T17:00:00Z                | 2026-11-21T17:00:00Z",
      "2026-11-21T17:00:00.123Z            | 2026-11-21T17:00:00.123Z",
      "2026-11-21T17:00:00.123456Z         | 2026-11-21T17:00:00.123456Z",
      "2026-11-21T17:00:00.123456789Z      | 2026-11-21T17:00:00.123456789Z",
      "2026-11-21T17:00:00.1234567891234Z  | 2026-11-21T17:00:00.123456789Z",
      "2026-11-21T17:00:00.1Z              | 2026-11-21T17:00:00.100Z",
      "2026-11-21t17:00:00z                | 2026-11-21T17:00:00Z",
      "2026-11-21T18:00:00+01:00           | 2026-11-21T17:00:00Z",
      "2026-11-21T18:00:00.5+0100          | 2026-11-21T17:00:00.500Z",
      "2026-11-21T18:00:00+01              | 2026-11-21T17:00:00Z",
      "2026-11-21T12:30:00-04:30           | 2026-11-21T17:00:00Z",
      "2026-11-21T17:00:00                 | 2026-11-21T17:00:00Z",
      "2026-11-21T17:00                    | 2026-11-21T17:00:00Z",
      "2026-11-21 17:00:00,123             | 2026-11-21T17:00:00.123Z",
      "2026-11-21 17:00:00.123             | 2026-11-21T17:00:00.123Z",
      "2026-11-21 17:00:00 UTC             | 2026-11-21T17:00:00Z",
      "2026/11/21 17:00:00                 | 2026-11-21T17:00:00Z",
      "2026-11-21                          | 2026-11-21T00:00:00Z",
      "2024-02-29T00:00:00Z                | 2024-02-29T00:00:00Z",
      "1969-12-31T23:59:59.5Z              | 1969-12-31T23:59:59.500Z",
      "'Sat, 21 Nov 2026 17:00:00 GMT'     | 2026-11-21T17:00:00Z",
      "21/Nov/2026:18:00:00 +0100          | 2026-11-21T17:00:00Z",
  })
  void readsTextFormats(String text, String expected) {
    assertThat(Timestamps.format(TimestampParser.parse(text))).isEqualTo(Timestamps.format(iso(expected)));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"", "   ", "yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
      "2025-02-29", "2026-11-21T24:00:00Z", "2026-11-21T17:00:00Zjunk", "2026-11-21T17:00:00+25:00",
      "2026-11-21T17:00:00.Z", "2026-11-21X17:00:00", "17:00:00", "Sat, 99 Nov 2026 17:00:00 GMT",
      "9999-12-31T23:59:59Z", "1600-01-01T00:00:00Z", "-", "."})
  void rejectsWhatIsNoTimestamp(String text) {
    assertThat(TimestampParser.parse(text)).isEqualTo(UNPARSEABLE);
  }

  @Test
  void readsEpochIntegersInTheUnitTheirMagnitudeImplies() {
    assertThat(TimestampParser.parse(1_795_280_400L)).isEqualTo(BASE); // seconds
    assertThat(TimestampParser.parse(1_795_280_400_000L)).isEqualTo(BASE); // milliseconds
    assertThat(TimestampParser.parse(1_795_280_400_000_000L)).isEqualTo(BASE); // microseconds
    assertThat(TimestampParser.parse(1_795_280_400_000_000_000L)).isEqualTo(BASE); // nanoseconds
    assertThat(TimestampParser.parse(0L)).isZero();
    assertThat(TimestampParser.parse(-86_400L)).isEqualTo(-86_400_000_000_000L);
  }

  @Test
  void magnitudeBoundariesSwitchUnits() {
    assertThat(TimestampParser.fromEpoch(TimestampParser.SECONDS_BELOW - 1)).isEqualTo(UNPARSEABLE); // year 5138 s: beyond ns range
    assertThat(TimestampParser.fromEpoch(TimestampParser.SECONDS_BELOW)).isEqualTo(TimestampParser.SECONDS_BELOW * 1_000_000L);
    assertThat(TimestampParser.fromEpoch(TimestampParser.MILLIS_BELOW)).isEqualTo(TimestampParser.MILLIS_BELOW * 1_000L);
    assertThat(TimestampParser.fromEpoch(TimestampParser.MICROS_BELOW)).isEqualTo(TimestampParser.MICROS_BELOW);
    assertThat(TimestampParser.fromEpoch(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(TimestampParser.fromEpoch(Long.MIN_VALUE)).isEqualTo(UNPARSEABLE);
    assertThat(TimestampParser.fromEpoch(99_999_999_999_999L)).isEqualTo(UNPARSEABLE); // ms of year 5138
  }

  @Test
  void readsFractionalEpochsExactlyToTheDigitsGiven() {
    assertThat(TimestampParser.parse(1_795_280_400.123)).isEqualTo(BASE + 123_000_000L);
    assertThat(TimestampParser.parse(1_795_280_400_123.456)).isEqualTo(BASE + 123_456_000L);
    assertThat(TimestampParser.parse(1_795_280_400_123_456.5)).isEqualTo(BASE + 123_456_500L);
    assertThat(TimestampParser.parse(1_795_280_400.0)).isEqualTo(BASE);
    assertThat(TimestampParser.parse(Double.NaN)).isEqualTo(UNPARSEABLE);
    assertThat(TimestampParser.parse(Double.POSITIVE_INFINITY)).isEqualTo(UNPARSEABLE);
    assertThat(TimestampParser.parse(1e30)).isEqualTo(UNPARSEABLE);
  }

  @Test
  void readsNumericTextAsEpochNumbers() {
    assertThat(TimestampParser.parse("1795280400")).isEqualTo(BASE);
    assertThat(TimestampParser.parse(" 1795280400123 ")).isEqualTo(BASE + 123_000_000L);
    assertThat(TimestampParser.parse("1795280400.123")).isEqualTo(BASE + 123_000_000L);
    assertThat(TimestampParser.parse("1795280400000000000")).isEqualTo(BASE);
    assertThat(TimestampParser.parse("123456789012345678901234567890")).isEqualTo(UNPARSEABLE);
  }

  @Test
  void otherValueTypesAreUnparseable() {
    assertThat(TimestampParser.parse(Boolean.TRUE)).isEqualTo(UNPARSEABLE);
    assertThat(TimestampParser.parse(null)).isEqualTo(UNPARSEABLE);
  }
}
