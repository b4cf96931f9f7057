package dev.corral.server.alerts.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk format of the alert states: the golden file of version 1 reads, and what is written reads back. */
class StateFileTest {
  @TempDir
  Path directory;

  @Test
  void theVersionOneGoldenFileReads() throws IOException {
    Path file = directory.resolve("instances.json");
    try (InputStream golden = StateFileTest.class.getResourceAsStream("/alerts-state/instances-v1.json")) {
      Files.copy(golden, file);
    }
    StateFile.Contents contents = new StateFile(file).read();
    assertThat(contents.rules()).singleElement().satisfies(rule -> {
      assertThat(rule.name()).isEqualTo("error_spike");
      assertThat(rule.window()).isEqualTo(Duration.ofMinutes(2));
      assertThat(rule.labels()).containsExactly(Map.entry("severity", "critical"));
      assertThat(rule.channels()).containsExactly("oncall");
    });
    assertThat(contents.instances()).hasSize(2);
    AlertInstance firing = contents.instances().getFirst();
    assertThat(firing.key()).isEqualTo(InstanceKey.of("error_spike", Map.of("service", "payment-gateway")));
    assertThat(firing.state()).isEqualTo(AlertState.FIRING);
    assertThat(firing.value()).isEqualTo(7.5);
    assertThat(firing.details()).containsEntry("worst_trace", "t-42");
    assertThat(firing.startsAt()).isEqualTo(Instant.parse("2026-12-05T10:02:00Z"));
    assertThat(firing.lastNotifiedAt()).isEqualTo(Instant.parse("2026-12-05T10:02:00Z"));
    AlertInstance pending = contents.instances().get(1);
    assertThat(pending.state()).isEqualTo(AlertState.PENDING);
    assertThat(pending.value()).isNaN();
    assertThat(pending.startsAt()).isNull();
    assertThat(pending.notified()).isFalse();
  }

  @Test
  void whatIsWrittenReadsBackTheSameAndMatchesTheGoldenFile() throws IOException {
    Path golden = directory.resolve("golden.json");
    try (InputStream in = StateFileTest.class.getResourceAsStream("/alerts-state/instances-v1.json")) {
      Files.copy(in, golden);
    }
    StateFile.Contents contents = new StateFile(golden).read();
    Path file = directory.resolve("instances.json");
    new StateFile(file).write(contents.rules(), contents.instances());
    assertThat(new StateFile(file).read()).isEqualTo(contents);
    assertThat(Files.readString(file).strip()).isEqualTo(Files.readString(golden).strip());
  }

  @Test
  void anotherVersionIsRefusedNamingTheFile() throws IOException {
    Path file = directory.resolve("instances.json");
    Files.writeString(file, "{\"format_version\": 2, \"rules\": [], \"instances\": []}");
    assertThatThrownBy(() -> new StateFile(file).read()).isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("format_version 2; this server reads 1");
  }

  @Test
  void anInstanceOfARuleTheFileDoesNotHoldIsRefused() throws IOException {
    Path file = directory.resolve("instances.json");
    new StateFile(file).write(List.of(), List.of(new AlertInstance(InstanceKey.of("r", Map.of()), AlertState.PENDING,
        1, Map.of(), Instant.EPOCH, null, Instant.EPOCH, null, null)));
    StateFile.Contents contents = new StateFile(file).read();
    assertThatThrownBy(() -> new InstanceTable(Duration.ofHours(1)).restore(contents.rules(), contents.instances()))
        .hasMessageContaining("names a rule the state file does not hold");
  }
}
