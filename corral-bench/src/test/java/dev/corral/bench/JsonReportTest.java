package dev.corral.bench;

import static dev.corral.bench.BenchResultsFixture.results;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {
  @TempDir
  Path tmp;

  @Test
  void holdsTheFirstPeerAtTheTopAndTheOthersUnderPeersWithTheirWarmBytes() throws IOException {
    Path json = tmp.resolve("results.json");
    BenchResults corral = results("corral", 20_000, 0.8, 0.4, 1, 2, 3);
    BenchResults grep = results("rg+jq", 500_000, Double.NaN, 0, 4, 5, Double.NaN);

    JsonReport.write(List.of(corral, grep), json);

    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.path("peer").asText()).isEqualTo("corral");
    assertThat(root.path("warm_index_bytes").asLong()).isEqualTo(corral.warmIndexBytes()).isPositive();
    assertThat(root.path("dataset").path("raw_bytes").asLong()).isEqualTo(121_795_707);
    assertThat(root.path("queries")).hasSize(3);
    assertThat(root.path("warm_queries")).hasSize(3);
    assertThat(root.path("warm_queries").get(0).path("name").asText()).isEqualTo("trace_id lookup");
    JsonNode peer = root.path("peers").get(0);
    assertThat(peer.path("peer").asText()).isEqualTo("rg+jq");
    assertThat(peer.path("warm_index_bytes").asLong()).isEqualTo(-1);
    assertThat(peer.path("warm_queries")).isEmpty();
    assertThat(peer.path("queries").get(2).path("wall_ms").path("samples").asInt()).isZero();
  }

  @Test
  void holdsTheDatasetNameAndTheMixedPhaseOfThePeersThatHadOne() throws IOException {
    Path json = tmp.resolve("results.json");
    BenchResults corral = results("corral", 20_000, 0.8, 0.4, 1, 2, 3);
    BenchResults grep = results("rg+jq", 500_000, Double.NaN, 0, 4, 5, Double.NaN);
    MixedFigures mixed = new MixedFigures(80, 20_000, 190_000, 0, 12.5, corral.queries());

    JsonReport.write(List.of(corral.withMixed(mixed), grep), json);

    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.path("dataset").path("name").asText()).isEqualTo("fleet");
    JsonNode phase = root.path("mixed");
    assertThat(phase.path("rate_percent").asInt()).isEqualTo(80);
    assertThat(phase.path("target_events_per_s").asDouble()).isEqualTo(16_000);
    assertThat(phase.path("achieved_events_per_s").asDouble()).isEqualTo(15_200);
    assertThat(phase.path("queries")).hasSize(3);
    assertThat(phase.path("queries").get(0).path("wall_ms").path("samples").asInt()).isEqualTo(20);
    assertThat(root.path("peers").get(0).has("mixed")).isFalse();
  }
}
