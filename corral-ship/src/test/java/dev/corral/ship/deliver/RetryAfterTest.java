package dev.corral.ship.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-12-06T01:00:00Z");

  @Test
  void readsSecondsAndHttpDates() {
    assertThat(RetryAfter.parse(Optional.of("3"), NOW)).contains(Duration.ofSeconds(3));
    assertThat(RetryAfter.parse(Optional.of("Sun, 06 Dec 2026 01:00:42 GMT"), NOW)).contains(Duration.ofSeconds(42));
  }

  @Test
  void aDateInThePastMeansNowAndALongWaitIsCapped() {
    assertThat(RetryAfter.parse(Optional.of("Sun, 06 Dec 2026 00:59:00 GMT"), NOW)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse(Optional.of("86400"), NOW)).contains(RetryAfter.MAX);
  }

  @Test
  void anAbsentOrUnreadableHeaderIsIgnored() {
    assertThat(RetryAfter.parse(Optional.empty(), NOW)).isEmpty();
    assertThat(RetryAfter.parse(Optional.of("soon"), NOW)).isEmpty();
    assertThat(RetryAfter.parse(Optional.of(" "), NOW)).isEmpty();
  }
}
