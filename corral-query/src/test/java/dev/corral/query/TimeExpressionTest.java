package dev.corral.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeExpressionTest {
  private static final Instant NOW = Instant.parse("2026-11-21T17:42:13.250Z"); // a Saturday

  private static Instant parse(String text) {
    return TimeExpression.parse(text, NOW);
  }

  @Test
  void isoInstantsWithZoneAndFraction() {
    assertThat(parse("2026-11-21T17:00:00Z")).isEqualTo(Instant.parse("2026-11-21T17:00:00Z"));
    assertThat(parse("2026-11-21T17:00:00.123456789Z")).isEqualTo(Instant.parse("2026-11-21T17:00:00.123456789Z"));
    assertThat(parse("2026-11-21T18:00:00+01:00")).isEqualTo(Instant.parse("2026-11-21T17:00:00Z"));
  }

  @Test
  void zonelessTimesAndDatesAreUtc() {
    assertThat(parse("2026-11-21")).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
    assertThat(parse("2026-11-21T17:00")).isEqualTo(Instant.parse("2026-11-21T17:00:00Z"));
    assertThat(parse("2026-11-21 17:00:00")).isEqualTo(Instant.parse("2026-11-21T17:00:00Z"));
    assertThat(parse(" 2026-11-21 ")).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
  }

  @Test
  void epochMilliseconds() {
    assertThat(parse("1795282933250")).isEqualTo(Instant.ofEpochMilli(1795282933250L));
    assertThat(parse("1000000000")).isEqualTo(Instant.ofEpochMilli(1_000_000_000L));
  }

  @Test
  void shortDigitStringsAreRefused() {
    assertThatThrownBy(() -> parse("2026"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'2026'")
        .hasMessageContaining("at least 10 digits");
  }

  @Test
  void relativeToNow() {
    assertThat(parse("now")).isEqualTo(NOW);
    assertThat(parse("now-15m")).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
    assertThat(parse("now+1h")).isEqualTo(NOW.plus(Duration.ofHours(1)));
    assertThat(parse("now-30s-500ms")).isEqualTo(NOW.minusMillis(30_500));
    assertThat(parse("now-1w")).isEqualTo(NOW.minus(Duration.ofDays(7)));
    assertThat(parse("now-1M")).isEqualTo(Instant.parse("2026-10-21T17:42:13.250Z"));
    assertThat(parse("now+1y")).isEqualTo(Instant.parse("2027-11-21T17:42:13.250Z"));
  }

  @Test
  void roundingDownToAUnit() {
    assertThat(parse("now-1d/d")).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
    assertThat(parse("now/h")).isEqualTo(Instant.parse("2026-11-21T17:00:00Z"));
    assertThat(parse("now/m")).isEqualTo(Instant.parse("2026-11-21T17:42:00Z"));
    assertThat(parse("now/s")).isEqualTo(Instant.parse("2026-11-21T17:42:13Z"));
    assertThat(parse("now/w")).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
    assertThat(parse("now/M")).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(parse("now/y")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(parse("now/d+8h")).isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
  }

  @Test
  void dateMathOnAnAbsoluteAnchor() {
    assertThat(parse("2026-11-21||+1M/M")).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
  }

  @Test
  void badExpressionsNameTheText() {
    for (String bad : new String[] {"", "yesterday", "now-", "now-15", "now-15q", "now/", "now 15m",
        "2026-13-01", "2026-11-21T25:00", "now-99999999999999999999d", "now-9999999999y"}) {
      assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(e.getMessage()).contains(bad.isEmpty() ? "empty" : "'" + bad + "'"));
    }
  }

  @Test
  void durations() {
    assertThat(TimeExpression.parseDuration("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(TimeExpression.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(TimeExpression.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(TimeExpression.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(TimeExpression.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(TimeExpression.parseDuration("1w")).isEqualTo(Duration.ofDays(7));
    assertThat(TimeExpression.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(TimeExpression.parseDuration("PT15M")).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void badDurationsNameTheText() {
    for (String bad : new String[] {"15", "m", "-5m", "15x", "1M", "2y", "PT", "99999999999999999999s",
        "9999999999999999w"}) {
      assertThatThrownBy(() -> TimeExpression.parseDuration(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
  }

  @Test
  void timesBeyondTheNanosecondRangeAreRefusedWithTheRange() {
    for (String far : new String[] {"0001-01-01", "9999-12-31", "now-100000000y", "9223372036854775807",
        "1677-09-21T00:12:43.145224191Z", "2262-04-11T23:47:16.854775808Z"}) {
      assertThatThrownBy(() -> TimeExpression.parseNanos(far, NOW)).as(far)
          .isInstanceOf(TimeOutOfRangeException.class)
          .hasMessageContaining("'" + far + "'")
          .hasMessageContaining("1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z");
    }
  }

  @Test
  void theEndsOfTheRangeAreAccepted() {
    assertThat(TimeExpression.parseNanos(TimeOutOfRangeException.EARLIEST, NOW)).isEqualTo(Long.MIN_VALUE);
    assertThat(TimeExpression.parseNanos(TimeOutOfRangeException.LATEST, NOW)).isEqualTo(Long.MAX_VALUE);
  }
}
