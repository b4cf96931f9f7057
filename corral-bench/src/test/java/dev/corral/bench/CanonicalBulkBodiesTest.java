package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanonicalBulkBodiesTest {
  @TempDir
  Path tmp;

  @Test
  void eachBatchBecomesABulkBodyOfNormalizedEventsAndRefusedLinesAreCounted() throws IOException {
    Path batch = tmp.resolve("batch-0000000.ndjson");
    Files.writeString(batch, """
        {"@timestamp":"2026-01-15T12:00:00Z","loglevel":"error","service_name":"pay","msg":"card declined","context":{"n":1}}
        not json
        {"ts":"2026-01-15T12:00:01Z","levelname":"INFO","message":"ok"}
        """, StandardCharsets.UTF_8);
    Dataset dataset = new Dataset("fleet", List.of(batch), 3, Files.size(batch), List.of());

    CanonicalBulkBodies.Bodies bodies = CanonicalBulkBodies.write(dataset, tmp.resolve("bulk"));

    assertThat(bodies.events()).isEqualTo(2);
    assertThat(bodies.undecodable()).isEqualTo(1);
    assertThat(bodies.bytes()).isEqualTo(Files.size(bodies.bodies().get(0)));
    assertThat(bodies.bodies()).containsExactly(tmp.resolve("bulk").resolve("bulk-0000000.ndjson"));
    assertThat(Files.readAllLines(bodies.bodies().get(0))).containsExactly(
        "{\"create\":{}}",
        "{\"timestamp\":\"2026-01-15T12:00:00Z\",\"level\":\"ERROR\",\"message\":\"card declined\",\"service\":\"pay\",\"context.n\":1}",
        "{\"create\":{}}",
        "{\"timestamp\":\"2026-01-15T12:00:01Z\",\"level\":\"INFO\",\"message\":\"ok\"}");
  }
}
