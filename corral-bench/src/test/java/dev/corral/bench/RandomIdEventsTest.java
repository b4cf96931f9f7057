package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomIdEventsTest {
  private static final Instant END = Instant.parse("2026-01-15T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EVENTS = 20_000;

  @TempDir
  Path tmp;

  @Test
  void theSameSeedWritesTheSameBytesAndAnotherSeedOtherBytes() throws IOException {
    Dataset first = DatasetGenerator.simulateIds(3, END, 2_500, 1_000, tmp.resolve("a"));
    Dataset second = DatasetGenerator.simulateIds(3, END, 2_500, 1_000, tmp.resolve("b"));
    Dataset other = DatasetGenerator.simulateIds(4, END, 2_500, 1_000, tmp.resolve("c"));

    assertThat(first.name()).isEqualTo(DatasetGenerator.IDS);
    assertThat(first.events()).isEqualTo(2_500);
    assertThat(first.batches()).hasSize(3);
    for (int i = 0; i < first.batches().size(); i++) {
      assertThat(Files.readAllBytes(second.batches().get(i))).isEqualTo(Files.readAllBytes(first.batches().get(i)));
    }
    assertThat(second.traceIds()).isEqualTo(first.traceIds()).hasSize(BatchFileWriter.TRACE_ID_SAMPLE);
    assertThat(Files.readAllBytes(other.batches().get(0))).isNotEqualTo(Files.readAllBytes(first.batches().get(0)));
  }

  @Test
  void eventsAreAboutThreeHundredSeventyBytesWithRandomIdsOfTheRightWidthsAndTracesSharedByAboutFive()
      throws IOException {
    Dataset dataset = DatasetGenerator.simulateIds(1, END, EVENTS, 1_000, tmp);
    List<JsonNode> events = read(dataset);

    assertThat(dataset.meanEventBytes()).isBetween(RandomIdEvents.EXPECTED_MEAN_BYTES * 0.93,
        RandomIdEvents.EXPECTED_MEAN_BYTES * 1.07);
    Map<String, Integer> perTrace = new HashMap<>();
    Set<String> spans = new HashSet<>();
    Set<String> requests = new HashSet<>();
    for (JsonNode event : events) {
      String trace = event.path("trace_id").asText();
      assertThat(trace).matches("[0-9a-f]{32}");
      assertThat(event.path("span_id").asText()).matches("[0-9a-f]{16}");
      assertThat(event.path("request_id").asText()).matches("[0-9a-f]{12}");
      perTrace.merge(trace, 1, Integer::sum);
      spans.add(event.path("span_id").asText());
      requests.add(event.path("request_id").asText());
    }
    double eventsPerTrace = (double) EVENTS / perTrace.size();
    assertThat(eventsPerTrace).isBetween(4.5, 5.5);
    assertThat(spans).hasSize(EVENTS);
    assertThat(requests).hasSize(EVENTS);
    for (String sampled : dataset.traceIds()) {
      assertThat(perTrace).containsKey(sampled);
    }
  }

  @Test
  void everyBenchQueryFindsSomethingAndTheRestRepeatsLikeRealLogs() throws IOException {
    Dataset dataset = DatasetGenerator.simulateIds(1, END, EVENTS, 1_000, tmp);
    List<JsonNode> events = read(dataset);

    Map<String, Integer> levels = new HashMap<>();
    Set<String> services = new HashSet<>();
    int cardDeclined = 0;
    int timeOuts = 0;
    for (JsonNode event : events) {
      levels.merge(event.path("level").asText(), 1, Integer::sum);
      services.add(event.path("service").asText());
      String message = event.path("message").asText();
      cardDeclined += message.contains("card declined") ? 1 : 0;
      timeOuts += message.matches(".*time.?out.*") ? 1 : 0;
      assertThat(event.path("performance").path("duration_ms").isDouble()).isTrue();
      assertThat(event.path("http").path("status_code").isInt()).isTrue();
      Instant at = Instant.parse(event.path("timestamp").asText());
      assertThat(at).isBetween(END.minus(DatasetGenerator.WINDOW), END);
    }
    assertThat(services).hasSize(RandomIdEvents.SERVICE_COUNT);
    assertThat(levels.keySet()).containsExactlyInAnyOrder("INFO", "WARN", "ERROR");
    assertThat(levels.get("INFO")).isGreaterThan(EVENTS * 8 / 10);
    assertThat(levels.get("ERROR")).isBetween(EVENTS / 100, EVENTS / 10);
    assertThat(cardDeclined).isBetween(1, EVENTS / 200);
    assertThat(timeOuts).isBetween(1, EVENTS / 200);
    Instant last = Instant.parse(events.getLast().path("timestamp").asText());
    assertThat(last).isAfter(END.minusSeconds(60));
  }

  private static List<JsonNode> read(Dataset dataset) throws IOException {
    List<JsonNode> events = new java.util.ArrayList<>();
    for (Path batch : dataset.batches()) {
      for (String line : Files.readAllLines(batch)) {
        events.add(JSON.readTree(line));
      }
    }
    return events;
  }
}
