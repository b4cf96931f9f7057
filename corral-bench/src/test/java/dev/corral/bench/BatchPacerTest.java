package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The pacer's arithmetic on a clock the test moves: no sleeping, no timing. */
class BatchPacerTest {
  private static final long MS = 1_000_000L;

  @Test
  void aFullBucketSendsBurstBatchesAtOnceThenOneBatchPerInterval() {
    BatchPacer pacer = new BatchPacer(10, 2); // a batch every 100 ms, two tokens

    assertThat(pacer.nanosPerBatch()).isEqualTo(100 * MS);
    assertThat(pacer.reserve(0)).isZero();
    assertThat(pacer.reserve(0)).isZero();
    assertThat(pacer.reserve(0)).isEqualTo(100 * MS);
    assertThat(pacer.reserve(0)).isEqualTo(200 * MS);
    assertThat(pacer.reserve(250 * MS)).isEqualTo(50 * MS);
  }

  @Test
  void idleTimeBanksAtMostBurstTokens() {
    BatchPacer pacer = new BatchPacer(10, 3);
    for (int i = 0; i < 3; i++) {
      assertThat(pacer.reserve(0)).isZero();
    }

    long later = 10_000 * MS; // 100 intervals idle: still only three batches at once
    assertThat(pacer.reserve(later)).isZero();
    assertThat(pacer.reserve(later)).isZero();
    assertThat(pacer.reserve(later)).isZero();
    assertThat(pacer.reserve(later)).isEqualTo(100 * MS);
  }

  @Test
  void aSlowServerSetsThePaceItself() {
    BatchPacer pacer = new BatchPacer(10, 1);
    assertThat(pacer.reserve(0)).isZero();
    // each acknowledgement takes 300 ms, longer than the 100 ms interval: no batch ever waits for the pacer
    for (long now = 300 * MS; now < 3_000 * MS; now += 300 * MS) {
      assertThat(pacer.reserve(now)).isZero();
    }
  }

  @Test
  void eventsPerSecondBecomeBatchesPerSecondByTheMeanBatch() {
    BatchPacer pacer = BatchPacer.forEvents(24_000, 1_000, 4); // 24 batches/s

    assertThat(pacer.nanosPerBatch()).isEqualTo(Math.round(1e9 / 24));
    assertThatThrownBy(() -> new BatchPacer(0, 1)).hasMessageContaining("batches per second (0.0)");
    assertThatThrownBy(() -> new BatchPacer(5, 0)).hasMessageContaining("burst (0)");
  }
}
