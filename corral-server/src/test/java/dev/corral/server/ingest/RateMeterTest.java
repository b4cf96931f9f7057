package dev.corral.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateMeterTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong clock = new AtomicLong(5 * SECOND);
  private final RateMeter meter = new RateMeter(60, clock::get);

  @Test
  void steadyRateIsReadOverEveryWindow() {
    for (int s = 0; s < 70; s++) {
      meter.record(100);
      clock.addAndGet(SECOND / 2);
      meter.record(100);
      clock.addAndGet(SECOND / 2);
    }
    assertThat(meter.perSecond(10)).isCloseTo(200, within(0.01));
    assertThat(meter.perSecond(60)).isCloseTo(200, within(0.01));
  }

  @Test
  void aYoungMeterDividesByTheTimeItHasExisted() {
    clock.addAndGet(SECOND / 2);
    meter.record(50);
    assertThat(meter.perSecond(10)).isCloseTo(100, within(0.01));
  }

  @Test
  void oldSecondsLeaveTheWindow() {
    meter.record(1000);
    clock.addAndGet(30 * SECOND);
    assertThat(meter.perSecond(10)).isZero();
    assertThat(meter.perSecond(60)).isCloseTo(1000 / 30.0, within(0.01));
    clock.addAndGet(100 * SECOND);
    assertThat(meter.perSecond(60)).isZero();
  }

  @Test
  void aBurstShowsInTheShortWindowFirst() {
    for (int s = 0; s < 60; s++) {
      clock.addAndGet(SECOND);
    }
    meter.record(600);
    clock.addAndGet(SECOND / 2);
    assertThat(meter.perSecond(1)).isCloseTo(1200, within(0.01));
    assertThat(meter.perSecond(60)).isCloseTo(600 / 59.5, within(0.01));
  }

  @Test
  void windowsLongerThanKeptAreRefused() {
    assertThatThrownBy(() -> meter.perSecond(61)).hasMessageContaining("61");
    assertThatThrownBy(() -> meter.perSecond(0)).hasMessageContaining("0");
  }
}
