package dev.corral.server.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.server.TestServer;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.auth.Scope;
import dev.corral.server.config.ArchiveSection;
import dev.corral.server.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disaster recovery of the server's own state against a real s3proxy: a server's keys, dashboards
 * and retention policy uploaded as a state snapshot, restored into a fresh data directory, and a
 * server started there accepts the old admin key and has the same dashboards and policy. A
 * corrupted object is refused, naming it, and nothing is installed.
 */
class StateSnapshotTest {
  private static final String BOARD = "{\"title\": \"Checkout\", \"panels\": [{\"id\": \"errors\", \"title\": \"Errors\","
      + " \"query\": \"level:ERROR | stats count()\", \"visualization\": \"number\"}]}";

  @TempDir Path dir;
  private S3TestServer s3;

  @BeforeEach
  void startS3() throws Exception {
    s3 = S3TestServer.start(dir.resolve("objects"));
  }

  @AfterEach
  void stopS3() throws Exception {
    s3.close();
  }

  private ArchiveSection archive() {
    return ArchiveSection.from(ConfigLoader.load(null, Map.of(), s3.archiveSettings(ArchiveTesting.PREFIX)));
  }

  /** A server with an admin key, a dashboard and a retention policy, its state uploaded; returns the admin key. */
  private String serverWithState(Path data) throws Exception {
    String admin = ApiKeys.open(data, Clock.systemUTC()).create(new KeySpec("ops", Scope.ADMIN, List.of(), null, null))
        .key();
    Map<String, String> keys = new HashMap<>(Map.of("auth.mode", "keys"));
    try (TestServer server = ArchiveTesting.server(data, s3, keys, UploadSeam.NONE)) {
      String auth = "Bearer " + admin;
      assertThat(server.send("PUT", "/api/v1/dashboards/checkout", BOARD, "Authorization", auth).status()).isEqualTo(200);
      assertThat(server.send("PUT", "/api/v1/admin/retention", "{\"max_age\": \"30d\"}", "Authorization", auth,
          "Content-Type", "application/json").status()).isEqualTo(200);
      TestServer.Reply snapshot = server.send("POST", "/api/v1/admin/archive/state", null, "Authorization", auth);
      assertThat(snapshot.status()).as(snapshot.body()).isEqualTo(200);
      assertThat(snapshot.json().path("snapshot").asText()).matches("\\d{8}T\\d{9}Z");
    }
    return admin;
  }

  @Test
  void aFreshDataDirectoryRestoredFromTheArchiveServesTheOldKeysDashboardsAndPolicy() throws Exception {
    String admin = serverWithState(dir.resolve("lost"));

    Path fresh = dir.resolve("fresh");
    Files.createDirectories(fresh);
    StateArchive.Restored restored = StateArchive.restore(archive(), fresh);
    assertThat(restored.files()).contains("auth/keys.json", "retention.json", "dashboards/checkout.json");
    assertThat(fresh.resolve(".state-restore")).doesNotExist();

    try (TestServer server = ArchiveTesting.server(fresh, s3, Map.of("auth.mode", "keys"), UploadSeam.NONE)) {
      String auth = "Bearer " + admin;
      TestServer.Reply policy = server.send("GET", "/api/v1/admin/retention", null, "Authorization", auth);
      assertThat(policy.status()).as("the old admin key authenticates").isEqualTo(200);
      assertThat(policy.json().path("max_age").asText()).isEqualTo("30d");
      TestServer.Reply board = server.send("GET", "/api/v1/dashboards/checkout", null, "Authorization", auth);
      assertThat(board.status()).isEqualTo(200);
      assertThat(board.json().toString()).contains("Checkout");
      assertThat(server.send("GET", "/api/v1/admin/retention", null, "Authorization", "Bearer nope:nope").status())
          .isEqualTo(401);
    }
    assertThatThrownBy(() -> StateArchive.restore(archive(), fresh)).as("never over existing state")
        .hasMessageContaining("keys.json exists");
  }

  @Test
  void aCorruptedStateObjectIsRefusedNamingTheFileAndNothingIsInstalled() throws Exception {
    serverWithState(dir.resolve("lost"));
    String keysObject;
    try (var client = s3.client()) {
      keysObject = client.listObjectsV2Paginator(b -> b.bucket(S3TestServer.BUCKET).prefix(ArchiveTesting.PREFIX + "/state/"))
          .contents().stream().map(object -> object.key()).filter(key -> key.endsWith("/files/auth/keys.json"))
          .max(String::compareTo).orElseThrow(); // the newest snapshot's: the one a restore takes
    }
    Path object = s3.objectFile(keysObject);
    byte[] bytes = Files.readAllBytes(object);
    bytes[bytes.length / 2] ^= 0x20;
    Files.write(object, bytes);

    Path fresh = dir.resolve("fresh");
    Files.createDirectories(fresh);
    assertThatThrownBy(() -> StateArchive.restore(archive(), fresh)).isInstanceOf(ArchiveVerificationException.class)
        .hasMessageContaining(keysObject).hasMessageContaining("sha256");
    assertThat(fresh.resolve("auth/keys.json")).doesNotExist();
    assertThat(fresh.resolve("retention.json")).doesNotExist();
  }
}
