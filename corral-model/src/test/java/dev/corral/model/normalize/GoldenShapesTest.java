package dev.corral.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.model.CanonicalJson;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every directory under {@code golden/} holds one foreign event ({@code input.json}) and the
 * canonical JSON it must normalize to ({@code expected.json}, compared as a JSON tree).
 */
class GoldenShapesTest {
  private static final long RECEIVED = Timestamps.parseIso("2026-01-01T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> REFERENCE_SHAPES = List.of("unified-microservice", "common-format-access",
      "common-format-external", "key-style", "python-json-logger", "logstash-logback-encoder", "ecs-json");

  @TestFactory
  Stream<DynamicTest> everyGoldenInputNormalizesToItsExpectedCanonicalJson() throws IOException {
    EventDecoder decoder = EventDecoder.defaults();
    return goldenDirectories().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
      byte[] input = Files.readAllBytes(dir.resolve("input.json"));
      LogEvent event = decoder.decode(input, 0, input.length, RECEIVED);
      JsonNode actual = JSON.readTree(CanonicalJson.toBytes(event));
      JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
      assertThat(actual).as(dir + "\nactual: " + actual.toPrettyString()).isEqualTo(expected);
      // the canonical form reads back to the same event
      byte[] canonical = CanonicalJson.toBytes(event);
      assertThat(CanonicalJson.read(canonical, 0, canonical.length)).isEqualTo(event);
    }));
  }

  @Test
  void everyReferenceShapeHasAGoldenDirectory() throws IOException {
    assertThat(goldenDirectories().map(dir -> dir.getFileName().toString())).containsAll(REFERENCE_SHAPES);
  }

  private static Stream<Path> goldenDirectories() throws IOException {
    try {
      Path root = Path.of(GoldenShapesTest.class.getResource("/golden").toURI());
      try (Stream<Path> dirs = Files.list(root)) {
        return dirs.filter(Files::isDirectory).sorted().toList().stream();
      }
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
