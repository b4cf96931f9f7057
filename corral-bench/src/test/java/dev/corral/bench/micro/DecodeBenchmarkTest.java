package dev.corral.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.LogEvent;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.model.normalize.InvalidEventException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DecodeBenchmarkTest {
  @ParameterizedTest
  @EnumSource(SampleShape.class)
  void setupGivesValidEventsOfTheShapeAndTheBenchmarkDecodesThem(SampleShape shape) throws InvalidEventException {
    DecodeBenchmark benchmark = new DecodeBenchmark();
    benchmark.shape = shape;
    benchmark.setUp();

    assertThat(benchmark.lines()).hasSize(DecodeBenchmark.SAMPLE).allMatch(shape::matches);
    EventDecoder decoder = EventDecoder.defaults();
    for (byte[] line : benchmark.lines()) {
      LogEvent event = FleetSample.decode(decoder, line);
      assertThat(event.service()).as(new String(line, java.nio.charset.StandardCharsets.UTF_8)).isNotBlank();
      assertThat(event.timestamp()).isNotEqualTo(FleetSample.RECEIVED_AT_NANOS);
    }

    DecodeBenchmark.DecodedBytes counter = new DecodeBenchmark.DecodedBytes();
    LogEvent first = benchmark.decode(counter);
    LogEvent second = benchmark.decode(counter);
    assertThat(first).isEqualTo(FleetSample.decode(decoder, benchmark.lines().get(0)));
    assertThat(second).isEqualTo(FleetSample.decode(decoder, benchmark.lines().get(1)));
    assertThat(counter.bytes).isEqualTo(benchmark.lines().get(0).length + benchmark.lines().get(1).length);
  }
}
