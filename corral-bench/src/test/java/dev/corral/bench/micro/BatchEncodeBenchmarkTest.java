package dev.corral.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.EventBatch;
import org.junit.jupiter.api.Test;

class BatchEncodeBenchmarkTest {
  @Test
  void setupGivesARequestOfFleetEventsAndACallEncodesThemAll() {
    BatchEncodeBenchmark benchmark = new BatchEncodeBenchmark();
    benchmark.setUp();

    EventBatch batch = benchmark.encode();

    assertThat(benchmark.events()).hasSize(BatchEncodeBenchmark.BATCH);
    assertThat(batch.size()).isEqualTo(BatchEncodeBenchmark.BATCH);
    assertThat(EventBatch.decode(batch.source()).events()).isEqualTo(benchmark.events());
  }
}
