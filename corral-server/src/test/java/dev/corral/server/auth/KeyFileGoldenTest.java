package dev.corral.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data/auth/keys.json}, version 1, is what a state snapshot carries to a new machine: the
 * golden file written by this version still reads, and the key it was made for still verifies
 * against its Argon2id hash.
 */
class KeyFileGoldenTest {
  @TempDir Path data;

  @Test
  void theGoldenKeyFileOfVersion1ReadsAndItsKeyStillVerifies() throws Exception {
    Files.createDirectories(data.resolve("auth"));
    try (InputStream in = getClass().getResourceAsStream("/dev/corral/server/golden/keys-v1.json")) {
      Files.copy(in, data.resolve("auth/keys.json"));
    }
    String key;
    try (InputStream in = getClass().getResourceAsStream("/dev/corral/server/golden/keys-v1.key.txt")) {
      key = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    }
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    assertThat(keys.list()).singleElement().satisfies(info -> assertThat(info.name()).isEqualTo("golden-admin"));
    Principal principal = keys.authenticate("Bearer " + key);
    assertThat(principal.scope()).isEqualTo(Scope.ADMIN);
    assertThat(principal.name()).isEqualTo("golden-admin");
  }
}
