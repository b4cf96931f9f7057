package dev.corral.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.CanonicalJson;
import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FleetSampleTest {
  @ParameterizedTest
  @EnumSource(value = SampleShape.class, names = "CANONICAL", mode = EnumSource.Mode.EXCLUDE)
  void linesAreOfTheRequestedShapeAndTheSameOnEveryCall(SampleShape shape) {
    List<byte[]> first = FleetSample.lines(shape, 40);
    List<byte[]> second = FleetSample.lines(shape, 40);

    assertThat(first).hasSize(40).allMatch(shape::matches);
    for (SampleShape other : SampleShape.values()) {
      if (other != shape && other != SampleShape.CANONICAL) {
        assertThat(first).noneMatch(other::matches);
      }
    }
    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i)).isEqualTo(first.get(i));
    }
  }

  @Test
  void canonicalLinesAreCorralsOwnJsonOfEveryShape() {
    List<byte[]> lines = FleetSample.lines(SampleShape.CANONICAL, 200);

    assertThat(lines).hasSize(200);
    for (byte[] line : lines) {
      LogEvent event = CanonicalJson.read(line, 0, line.length);
      assertThat(CanonicalJson.toBytes(event)).isEqualTo(line);
      assertThat(event.service()).isNotBlank();
    }
    long ecs = FleetSample.lines(SampleShape.ECS, 5).size();
    assertThat(ecs).isEqualTo(5);
  }

  @Test
  void batchHoldsTheDecodedEventsAsCanonicalNdjson() {
    EventBatch batch = FleetSample.batch(100);

    assertThat(batch.size()).isEqualTo(100);
    assertThat(EventBatch.decode(batch.source()).events()).isEqualTo(batch.events());
  }

  @Test
  void refusesSampleSizesOutsideTheLimit() {
    assertThatThrownBy(() -> FleetSample.lines(SampleShape.ECS, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("sample size (0) must be in 1..100000");
    assertThatThrownBy(() -> FleetSample.batch(FleetSample.MAX_COUNT + 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(100001)");
  }

  @Test
  void linesOfOtherShapesOrNotJsonMatchNoBenchmarkedShape() {
    byte[] python = "{\"asctime\":\"2026-01-15 00:00:01,000\",\"levelname\":\"INFO\"}".getBytes(StandardCharsets.UTF_8);
    byte[] logstashWithoutEcs = "{\"@timestamp\":\"2026-01-15T00:00:01.000+00:00\",\"level\":\"INFO\"}"
        .getBytes(StandardCharsets.UTF_8);
    byte[] garbage = "not json at all".getBytes(StandardCharsets.UTF_8);

    for (SampleShape shape : List.of(SampleShape.UNIFIED, SampleShape.ECS, SampleShape.COMMON_FORMAT)) {
      assertThat(shape.matches(python)).as(shape.name()).isFalse();
      assertThat(shape.matches(logstashWithoutEcs)).as(shape.name()).isFalse();
      assertThat(shape.matches(garbage)).as(shape.name()).isFalse();
    }
  }
}
