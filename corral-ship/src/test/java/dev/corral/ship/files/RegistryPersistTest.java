package dev.corral.ship.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery side's once-per-batch sync point: acknowledgements of many files, then one write that holds them all. */
class RegistryPersistTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  Path dir;

  @Test
  void persistReturnsWithEveryAcknowledgementOfTheBatchOnDisk() throws Exception {
    try (Registry registry = Registry.open(dir, "app", Duration.ZERO, Duration.ofDays(1))) {
      for (int batch = 1; batch <= 20; batch++) {
        for (int file = 0; file < 5; file++) {
          registry.acknowledge(new FileIdentity(1, file), "/logs/" + file + ".log", null, batch * 100L + file);
        }
        registry.persistAcknowledged();

        Map<Long, Long> onDisk = new HashMap<>();
        for (JsonNode entry : JSON.readTree(registry.file().toFile()).path("entries")) {
          onDisk.put(entry.path("inode").asLong(), entry.path("offset").asLong());
        }
        int expectedBatch = batch;
        assertThat(onDisk).as("batch %d", batch).hasSize(5)
            .allSatisfy((inode, offset) -> assertThat(offset).isEqualTo(expectedBatch * 100L + inode));
      }
    }
  }
}
