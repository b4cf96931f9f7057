package dev.corral.ship.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.corral.ship.decode.Format;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputConfigTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static JsonNode yaml(String text) throws Exception {
    return YAML.readTree(text);
  }

  @Test
  void theIssuesMinimalConfigWorksAsWritten() throws Exception {
    JsonNode root = yaml("""
        output: {url: "http://127.0.0.1:8080"}
        inputs: [{paths: ["/var/log/app/*.log"], service: checkout}]
        """);
    List<InputConfig> inputs = InputConfig.listFrom(root.get("inputs"));
    assertThat(inputs).hasSize(1);
    InputConfig input = inputs.getFirst();
    assertThat(input.type()).isEqualTo(InputType.FILES);
    assertThat(input.paths()).containsExactly("/var/log/app/*.log");
    assertThat(input.fields()).isEqualTo(Map.of("service", "checkout"));
    assertThat(input.format()).isEqualTo(Format.AUTO);
    assertThat(input.startAtEnd()).isFalse();
    assertThat(input.maxOpenFiles()).isEqualTo(InputConfig.DEFAULT_MAX_OPEN_FILES);
    assertThat(input.name()).matches("files-[0-9a-f]{8}");
  }

  @Test
  void everyKeyIsRead() throws Exception {
    InputConfig input = InputConfig.from(yaml("""
        type: containers
        name: k8s
        exclude: ["*_kube-system_*"]
        start_at: end
        service: web
        environment: prod
        host: node-1
        fields: {team: shop, tier: 2}
        format: json
        pipeline: nginx
        multiline: {pattern: '^\\[', negate: true, match: after, max_lines: 50, max_bytes: 10000, timeout: 2s}
        max_open_files: 64
        close_inactive: 1m
        scan_every: 500ms
        max_line_bytes: 4096
        clean_after: 3d
        registry_flush: 1s
        """), 3);
    assertThat(input.paths()).containsExactly(InputConfig.CONTAINERS_PATH);
    assertThat(input.fields()).containsExactly(Map.entry("service", "web"), Map.entry("environment", "prod"),
        Map.entry("host", "node-1"), Map.entry("team", "shop"), Map.entry("tier", 2));
    assertThat(input.pipeline()).isEqualTo("nginx");
    assertThat(input.multiline().toString()).contains("negated").contains("max_lines=50");
    assertThat(input.closeInactive()).isEqualTo(Duration.ofMinutes(1));
    assertThat(input.scanEvery()).isEqualTo(Duration.ofMillis(500));
    assertThat(input.cleanAfter()).isEqualTo(Duration.ofDays(3));
    assertThat(input.filesSettings().maxOpenFiles()).isEqualTo(64);
    assertThat(input.assembly().containers()).isTrue();
  }

  @Test
  void errorsNameTheInputTheKeyAndTheValue() {
    assertThatThrownBy(() -> InputConfig.listFrom(yaml("[{paths: [a]}, {paths: [b], max_open_files: 0}]")))
        .hasMessage("inputs[1].max_open_files: 0 is not a whole number from 1 to 1048576");
    assertThatThrownBy(() -> InputConfig.listFrom(yaml("[{pathz: [a]}]")))
        .hasMessageStartingWith("inputs[0]: unknown key 'pathz'; the keys are type, name, paths");
    assertThatThrownBy(() -> InputConfig.listFrom(yaml("[{type: stdin, paths: [a]}]")))
        .hasMessage("inputs[0].paths: applies to files and containers inputs, not to stdin");
    assertThatThrownBy(() -> InputConfig.listFrom(yaml("[{service: x}]")))
        .hasMessageStartingWith("inputs[0].paths: missing");
    assertThatThrownBy(() -> InputConfig.listFrom(yaml("[{paths: [a], multiline: {preset: ruby}}]")))
        .hasMessage("inputs[0].multiline: preset 'ruby' is unknown; the presets are java and python");
    assertThatThrownBy(() -> InputConfig.listFrom(yaml("[{paths: [a], scan_every: soon}]")))
        .hasMessage("inputs[0].scan_every: \"soon\" is not a duration such as 500ms, 10s, 5m or 24h");
    assertThatThrownBy(() -> InputConfig.listFrom(yaml("[{paths: [a], format: xml}]")))
        .hasMessageStartingWith("inputs[0].format: 'xml' is not a format");
    assertThatThrownBy(() -> InputConfig.listFrom(yaml("[{paths: [a], name: x}, {paths: [b], name: x}]")))
        .hasMessageStartingWith("inputs[1]: name 'x' is also the name of inputs[0]");
    assertThatThrownBy(() -> InputConfig.listFrom(yaml("[]"))).hasMessageStartingWith("inputs: must be a non-empty list");
    assertThatThrownBy(() -> InputConfig.listFrom(null)).hasMessageStartingWith("inputs: missing");
  }

  @Test
  void defaultNamesFollowTheGlobsNotThePlaceInTheList() throws Exception {
    List<InputConfig> inputs = InputConfig.listFrom(yaml("[{paths: [a]}, {paths: [b]}, {type: journald}, {type: stdin}]"));
    List<InputConfig> reordered = InputConfig.listFrom(yaml("[{paths: [b]}, {paths: [a]}]"));
    assertThat(reordered.get(1).name()).isEqualTo(inputs.get(0).name());
    assertThat(inputs.get(2).name()).isEqualTo("journald");
    assertThat(inputs.get(2).startAtEnd()).as("journald starts at the end by default").isTrue();
    assertThat(inputs.get(3).name()).isEqualTo("stdin");
  }
}
