package dev.corral.ship.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.corral.ship.CollectingSink;
import dev.corral.ship.RunningInput;
import dev.corral.ship.inputs.InputConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The containers input on kubelet-named files in both runtime formats. */
class ContainersInputTest extends FilesInputFixture {
  private static final String ID = "4f2d0a1c9b8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4";

  @Test
  void criAndDockerLogsBecomeMessagesWithPodNamespaceAndContainer() throws Exception {
    Path cri = logs().resolve("checkout-5d8f7-abcde_shop_app-" + ID + ".log");
    append(cri,
        "2026-01-01T00:00:00.100000000Z stdout F plain started",
        "2026-01-01T00:00:00.200000000Z stderr P {\"level\":\"error\",",
        "2026-01-01T00:00:00.300000000Z stderr F \"msg\":\"declined\"}",
        "2026-01-01T00:00:00.350000000Z stdout F ERROR payment failed",
        "2026-01-01T00:00:00.400000000Z stdout F java.lang.IllegalStateException: x",
        "2026-01-01T00:00:00.400000001Z stdout F \tat a.b(C.java:1)",
        "2026-01-01T00:00:00.500000000Z stdout F next");
    Path docker = logs().resolve("web-0_default_nginx-" + ID.replace('4', 'a') + ".log");
    append(docker,
        "{\"log\":\"GET / 200\\n\",\"stream\":\"stdout\",\"time\":\"2026-01-01T00:00:01.000000000Z\"}",
        "{\"log\":\"a long line in \",\"stream\":\"stdout\",\"time\":\"2026-01-01T00:00:01.1Z\"}",
        "{\"log\":\"two pieces\\n\",\"stream\":\"stdout\",\"time\":\"2026-01-01T00:00:01.2Z\"}");
    String yaml = "{type: containers, paths: ['" + logs() + "/*.log'], scan_every: 20ms, "
        + "multiline: {preset: java, timeout: 50ms}}";
    FilesSettings settings = InputConfig.from(new ObjectMapper(new YAMLFactory()).readTree(yaml), 0).filesSettings();
    try (CollectingSink sink = CollectingSink.acking();
         RunningInput running = RunningInput.start(new FilesInput(settings, registryDir()), sink)) {
      sink.awaitCount(6);
      List<JsonNode> fromCri = sink.events().stream()
          .filter(e -> e.get("kubernetes.pod.name").asText().startsWith("checkout")).toList();
      assertThat(fromCri).hasSize(4);
      JsonNode plain = fromCri.get(0);
      assertThat(plain.get("message").asText()).isEqualTo("plain started");
      assertThat(plain.get("kubernetes.namespace").asText()).isEqualTo("shop");
      assertThat(plain.get("kubernetes.container.name").asText()).isEqualTo("app");
      assertThat(plain.get("container.id").asText()).isEqualTo(ID);
      assertThat(plain.get("stream").asText()).isEqualTo("stdout");
      assertThat(plain.get("timestamp").asText()).isEqualTo("2026-01-01T00:00:00.100000000Z");
      JsonNode json = fromCri.get(1);
      assertThat(json.get("msg").asText()).as("partial lines joined, then decoded as JSON").isEqualTo("declined");
      assertThat(json.get("stream").asText()).isEqualTo("stderr");
      assertThat(json.has("timestamp")).as("a JSON message keeps its own time").isFalse();
      assertThat(fromCri.get(2).get("message").asText())
          .isEqualTo("ERROR payment failed\njava.lang.IllegalStateException: x\n\tat a.b(C.java:1)");
      assertThat(fromCri.get(2).get("timestamp").asText()).as("a group has its first line's time")
          .isEqualTo("2026-01-01T00:00:00.350000000Z");
      assertThat(fromCri.get(3).get("message").asText()).isEqualTo("next");
      List<String> fromDocker = sink.events().stream()
          .filter(e -> e.get("kubernetes.pod.name").asText().equals("web-0")).map(e -> e.get("message").asText()).toList();
      assertThat(fromDocker).containsExactly("GET / 200", "a long line in two pieces");
    }
    assertThat(Files.size(cri)).isPositive();
  }

  @Test
  void kubeletSymlinksAreFollowedAndNamedByTheLink() throws Exception {
    Path pods = java.nio.file.Files.createDirectories(dir.resolve("pods/shop_checkout-0_uid/app"));
    Path target = pods.resolve("0.log");
    append(target, "2026-01-01T00:00:00Z stdout F through the link");
    Path link = logs().resolve("checkout-0_shop_app-" + ID + ".log");
    Files.createSymbolicLink(link, target);
    String yaml = "{type: containers, paths: ['" + logs() + "/*.log'], scan_every: 20ms}";
    FilesSettings settings = InputConfig.from(new ObjectMapper(new YAMLFactory()).readTree(yaml), 0).filesSettings();
    try (CollectingSink sink = CollectingSink.acking();
         RunningInput running = RunningInput.start(new FilesInput(settings, registryDir()), sink)) {
      sink.awaitCount(1);
      JsonNode event = sink.events().getFirst();
      assertThat(event.get("message").asText()).isEqualTo("through the link");
      assertThat(event.get("kubernetes.pod.name").asText()).isEqualTo("checkout-0");
      assertThat(event.get("log.file.path").asText()).isEqualTo(link.toString());
    }
  }
}
