package dev.corral.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.normalize.DecodedBody;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IngestBodyBenchmarkTest {
  @Test
  void setupGivesARequestBodyOfFleetLinesAndACallDecodesEveryOne() {
    IngestBodyBenchmark benchmark = new IngestBodyBenchmark();
    benchmark.setUp();

    DecodedBody decoded = benchmark.decode();

    String body = new String(benchmark.body(), StandardCharsets.UTF_8);
    assertThat(body.lines()).hasSize(IngestBodyBenchmark.LINES).allMatch(line -> line.startsWith("{"));
    assertThat(decoded.errors()).isEmpty();
    assertThat(decoded.events()).hasSize(IngestBodyBenchmark.LINES);
  }
}
