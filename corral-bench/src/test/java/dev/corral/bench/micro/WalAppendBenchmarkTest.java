package dev.corral.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalAppendBenchmarkTest {
  @Test
  void setupOpensALogThatDurablyTakesTheRecordAndCloseRemovesIt() throws IOException {
    WalAppendBenchmark benchmark = new WalAppendBenchmark();
    benchmark.recordBytes = 65_536;
    benchmark.open();
    try {
      assertThat(benchmark.payload()).hasSize(65_536);
      assertThat(new String(benchmark.payload(), 0, 12, java.nio.charset.StandardCharsets.UTF_8))
          .startsWith("{\"timestamp\"");

      long first = benchmark.appendOneThread();
      long second = benchmark.appendFourThreads();
      List<byte[]> records = new ArrayList<>();
      benchmark.wal().replay(0, (position, next, payload) -> records.add(payload));

      assertThat(second).isGreaterThan(first);
      assertThat(records).hasSize(2);
      assertThat(records.get(0)).isEqualTo(benchmark.payload());
      benchmark.trim();
    } finally {
      benchmark.close();
    }
    assertThat(benchmark.directory()).doesNotExist();
  }

  @Test
  void payloadRepeatsTheBatchWhenTheRecordIsLarger() {
    byte[] small = WalAppendBenchmark.payload(100);
    byte[] large = WalAppendBenchmark.payload(1 << 20);

    assertThat(small).hasSize(100);
    assertThat(large).hasSize(1 << 20).startsWith(small);
  }

  @Test
  void refusesARecordSizeTheLogWouldRefuse() {
    WalAppendBenchmark benchmark = new WalAppendBenchmark();
    benchmark.recordBytes = 0;

    assertThatThrownBy(benchmark::open).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("recordBytes (0) must be in 1..67108864");
    assertThat(benchmark.directory()).isNull();
  }
}
