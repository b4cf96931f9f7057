package dev.corral.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data/retention.json}, format version 1: the golden file written by this version still reads. */
class RetentionPolicyFileGoldenTest {
  @TempDir Path data;

  @Test
  void theGoldenPolicyFileOfVersion1Reads() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/dev/corral/server/golden/retention-v1.json")) {
      Files.copy(in, data.resolve("retention.json"));
    }
    RetentionPolicyFile.Stored stored = new RetentionPolicyFile(data.resolve("retention.json")).read().orElseThrow();
    assertThat(stored.policy().maxAge()).isEqualTo(Duration.ofDays(30));
    assertThat(stored.policy().maxBytes()).isEqualTo(200L << 30);
    assertThat(stored.policy().rules()).singleElement().satisfies(rule -> {
      assertThat(rule.match()).isEqualTo("level:DEBUG");
      assertThat(rule.maxAge()).isEqualTo(Duration.ofDays(3));
    });
    assertThat(stored.updatedBy()).isEqualTo("oZJrqLJPrbuM");
  }
}
