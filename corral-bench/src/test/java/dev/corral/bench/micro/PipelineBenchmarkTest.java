package dev.corral.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.LogEvent;
import dev.corral.pipeline.engine.Outcome;
import dev.corral.pipeline.engine.Pipeline;
import org.junit.jupiter.api.Test;

class PipelineBenchmarkTest {
  @Test
  void everySampleLineIsParsedDatedAndTheLondonClientsLocated() throws Exception {
    PipelineBenchmark benchmark = new PipelineBenchmark();
    benchmark.setUp();
    try {
      int located = 0;
      for (LogEvent event : benchmark.events()) {
        Pipeline.Applied applied = benchmark.pipeline().apply(event, dev.corral.pipeline.DocumentLimits.DEFAULTS);
        assertThat(applied.outcome()).as(event.message()).isEqualTo(Outcome.KEPT);
        LogEvent parsed = applied.event();
        assertThat(parsed.get("verb")).as(event.message()).isNotNull();
        assertThat(parsed.get("user_agent.name")).as(event.message()).isNotNull();
        assertThat(parsed.timestamp()).as("date sets the timestamp from the line").isNotEqualTo(event.timestamp());
        if (event.message().startsWith("81.2.69.")) {
          assertThat(parsed.get("source.geo.city_name")).isEqualTo("London");
          located++;
        }
      }
      assertThat(located).as("about a quarter of the clients are in the London network").isGreaterThan(100);

      PipelineBenchmark.ParsedBytes counter = new PipelineBenchmark.ParsedBytes();
      Pipeline.Applied first = benchmark.parse(counter);
      assertThat(first.outcome()).isEqualTo(Outcome.KEPT);
      assertThat(counter.bytes).isEqualTo(benchmark.events().get(0).message().length());
    } finally {
      benchmark.tearDown();
    }
  }
}
