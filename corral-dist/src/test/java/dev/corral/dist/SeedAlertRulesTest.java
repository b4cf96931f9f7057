package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.demo.SeedAlertRules;
import dev.corral.server.CorralServer;
import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedAlertRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path alerts;

  @Test
  void theJarCarriesEveryRuleOfConfAlertsAndNothingElse() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("..", "conf", "alerts"))) {
      assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".yaml")))
          .containsExactlyInAnyOrderElementsOf(SeedAlertRules.FILES);
    }
  }

  @Test
  void anAlertsDirectoryWithoutRulesGetsTheSeedRulesByteForByte() throws Exception {
    Files.writeString(alerts.resolve("channels.yaml"), "channels: []\n");

    assertThat(SeedAlertRules.installInto(alerts)).containsExactlyElementsOf(SeedAlertRules.FILES);

    for (String file : SeedAlertRules.FILES) {
      assertThat(alerts.resolve(file)).hasSameBinaryContentAs(Path.of("..", "conf", "alerts", file));
    }
    assertThat(alerts.resolve("channels.yaml")).hasContent("channels: []");
  }

  @Test
  void theSeedRulesLoadIntoARealServerWithoutARefusalAndAreEvaluated(@TempDir Path data) throws Exception {
    SeedAlertRules.installInto(data.resolve("alerts"));
    ServerConfig config = ServerConfig.from(ConfigLoader.load(null, Map.of(),
        Map.of("http.port", "0", "otlp.grpc_port", "0", "data.dir", data.toString(), "storage.min_free_bytes", "0",
            "syslog.udp_port", "0", "syslog.tcp_port", "0", "gelf.udp_port", "0", "gelf.tcp_port", "0",
            "fluent.port", "0", "alerts.lag", "1s")));
    try (CorralServer server = CorralServer.start(config)) {
      JsonNode rules = rules(server);
      assertThat(rules).hasSize(SeedAlertRules.FILES.size());
      for (JsonNode rule : rules) {
        assertThat(rule.path("error").isNull()).as("%s is refused: %s", rule.path("file"), rule.path("error")).isTrue();
      }
      assertThat(rules.findValuesAsText("name")).contains("error_spike", "error_spike_other_services",
          "cross_service_failure", "performance_degradation");
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      JsonNode spike = null;
      while (spike == null && System.nanoTime() < deadline) {
        for (JsonNode rule : rules(server)) {
          if (rule.path("name").asText().equals("error_spike") && rule.path("last_evaluation").isObject()) {
            spike = rule;
          }
        }
        Thread.sleep(250);
      }
      assertThat(spike).as("error_spike evaluated within 30 s").isNotNull();
      assertThat(spike.path("last_evaluation").path("error").isNull()
          || spike.path("last_evaluation").path("error").isMissingNode())
          .as("error_spike's evaluation failed: %s", spike.path("last_evaluation")).isTrue();
    }
  }

  private static JsonNode rules(CorralServer server) throws Exception {
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/alerts/rules")).build(),
        HttpResponse.BodyHandlers.ofString()).body()).path("rules");
  }

  @Test
  void aDirectoryHoldingARuleOfItsOwnIsLeftAlone() throws Exception {
    Files.writeString(alerts.resolve("mine.yaml"), "name: mine\n");

    assertThat(SeedAlertRules.installInto(alerts)).isEmpty();

    try (Stream<Path> files = Files.list(alerts)) {
      assertThat(files).containsExactly(alerts.resolve("mine.yaml"));
    }
  }
}
