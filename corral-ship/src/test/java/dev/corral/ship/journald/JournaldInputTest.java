package dev.corral.ship.journald;

import static dev.corral.ship.CollectingSink.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.corral.ship.CollectingSink;
import dev.corral.ship.Input;
import dev.corral.ship.RunningInput;
import dev.corral.ship.ShipRecord;
import dev.corral.ship.inputs.InputConfig;
import dev.corral.ship.inputs.Inputs;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journald input on recorded {@code journalctl -o json} output, through a stand-in journalctl script. */
class JournaldInputTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path dir;

  Path copy(String resource) throws Exception {
    Path target = dir.resolve(resource);
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      Files.copy(in, target);
    }
    return target;
  }

  Input input(Path script, Path fixture) throws Exception {
    JsonNode config = YAML.readTree("[{type: journald, environment: prod, command: [sh, '" + script + "', '" + fixture
        + "']}]");
    return Inputs.open(InputConfig.listFrom(config), dir.resolve("registry")).getFirst();
  }

  @Test
  void entriesAreMappedAndTheAcknowledgedCursorIsWhereTheNextStartResumes() throws Exception {
    Path script = copy("journalctl.sh");
    Path fixture = copy("journal.json");
    try (CollectingSink sink = CollectingSink.keeping(); RunningInput running = RunningInput.start(input(script, fixture), sink)) {
      List<ShipRecord> records = sink.awaitCount(4);
      List<JsonNode> events = sink.events();
      JsonNode nginx = events.get(0);
      assertThat(nginx.get("message").asText()).isEqualTo("started worker process 813");
      assertThat(nginx.get("service").asText()).isEqualTo("nginx");
      assertThat(nginx.get("systemd.unit").asText()).isEqualTo("nginx.service");
      assertThat(nginx.get("host").asText()).isEqualTo("web-1");
      assertThat(nginx.get("level").asText()).isEqualTo("INFO");
      assertThat(nginx.get("timestamp").asText()).isEqualTo("2026-01-01T00:00:00.123456Z");
      assertThat(nginx.get("process.pid").asInt()).isEqualTo(812);
      assertThat(nginx.get("environment").asText()).isEqualTo("prod");
      JsonNode checkout = events.get(1);
      assertThat(checkout.get("msg").asText()).as("a JSON message is decoded").isEqualTo("payment failed");
      assertThat(checkout.get("service").asText()).as("the message's own field wins").isEqualTo("payments");
      assertThat(checkout.get("level").asText()).isEqualTo("ERROR");
      assertThat(events.get(2).get("service").asText()).isEqualTo("kernel");
      assertThat(events.get(2).get("level").asText()).isEqualTo("WARN");
      assertThat(events.get(3).get("message").asText()).isEqualTo("bin\uFFFDary");
      assertThat(events.get(3).get("level").asText()).isEqualTo("DEBUG");
      assertThat(records).extracting(ShipRecord::offset).containsExactly(1L, 2L, 3L, 4L);
      records.get(1).source().acknowledged(2);
    }
    assertThat(Files.readAllLines(dir.resolve("args.log")).getFirst()).isEqualTo("-o json -f --since now");
    try (CollectingSink sink = CollectingSink.keeping(); RunningInput running = RunningInput.start(input(script, fixture), sink)) {
      sink.awaitCount(2);
      assertThat(sink.messages()).containsExactly("TCP: request_sock_TCP: Possible SYN flooding on port 443.", "bin\uFFFDary");
      eventually(() -> running.input().status().getFirst().read() == 2, "status counts the entries");
    }
    assertThat(Files.readAllLines(dir.resolve("args.log")).get(1))
        .isEqualTo("-o json -f --after-cursor s=6c1a;i=1a02;b=9f3e;m=1e8490;t=5f1c2a3b4c5e0;x=a2");
  }

  @Test
  void aMissingCommandStopsTheInputNamingIt() throws Exception {
    JsonNode config = YAML.readTree("[{type: journald, command: [/nonexistent/journalctl]}]");
    Input input = Inputs.open(InputConfig.listFrom(config), dir.resolve("registry")).getFirst();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> input.run(record -> { }))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageStartingWith("input journald: cannot run \"/nonexistent/journalctl -o json -f --since now\"");
  }

  @Test
  void startAtBeginningAsksForTheWholeJournal() throws Exception {
    JsonNode config = YAML.readTree("[{type: journald, start_at: beginning}]");
    JournaldInput input = (JournaldInput) Inputs.open(InputConfig.listFrom(config), dir.resolve("registry")).getFirst();
    assertThat(input.commandLine()).containsExactly("journalctl", "-o", "json", "-f", "-n", "all");
  }
}
