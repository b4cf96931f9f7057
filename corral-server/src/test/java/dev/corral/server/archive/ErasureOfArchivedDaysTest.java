package dev.corral.server.archive;

import static dev.corral.server.archive.ArchiveTesting.compact;
import static dev.corral.server.archive.ArchiveTesting.events;
import static dev.corral.server.archive.ArchiveTesting.ingest;
import static dev.corral.server.archive.ArchiveTesting.manifest;
import static dev.corral.server.archive.ArchiveTesting.manifests;
import static dev.corral.server.archive.ArchiveTesting.runPass;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure reaching the archive, against a real s3proxy: a day only the bucket holds is downloaded,
 * rewritten without the events and uploaded as a new generation; a day the store and the bucket
 * both hold is deleted locally and uploaded again; a hot day is deleted locally. Exactly the
 * matching events go, everywhere, and the report counts them per day.
 */
class ErasureOfArchivedDaysTest {
  private static final String ARCHIVED_ONLY = "2026-11-16";
  private static final String ARCHIVED_AND_LOCAL = "2026-11-17";
  private static final String HOT = "2026-11-19";
  private static final String ERASE_PAYMENT = "{\"query\": \"service:payment\", \"from\": \"2026-11-01\", \"to\": \"2026-11-30\"}";

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

  /** An archived-only day (90 events), an archived day still local (40) and a hot day (20): half of each is payment. */
  private String archiveThreeDays(Path data) throws Exception {
    try (TestServer server = ArchiveTesting.server(data, s3, Map.of("archive.local_max_age", "1d"), UploadSeam.NONE)) {
      ingest(server, events(ARCHIVED_ONLY, 90, "a"), 90);
      compact(server, ARCHIVED_ONLY);
      runPass(server);
    }
    try (TestServer server = ArchiveTesting.server(data, s3, Map.of(), UploadSeam.NONE)) {
      ingest(server, events(ARCHIVED_AND_LOCAL, 40, "b"), 40);
      compact(server, ARCHIVED_AND_LOCAL);
      runPass(server);
      ingest(server, events(HOT, 20, "c"), 60);
      JsonNode days = server.get("/api/v1/archive/days").json().get("days");
      assertThat(days).extracting(day -> day.path("day").asText() + "/" + day.path("tier").asText())
          .containsExactly(ARCHIVED_ONLY + "/archive", ARCHIVED_AND_LOCAL + "/warm");
    }
    return manifests(s3, ARCHIVED_ONLY).get(0);
  }

  @Test
  void erasureRewritesArchivedDaysAsNewVerifiedGenerationsAndDeletesLocalEvents() throws Exception {
    Path data = dir.resolve("data");
    String before = archiveThreeDays(data);
    try (TestServer server = ArchiveTesting.server(data, s3, Map.of(), UploadSeam.NONE)) {
      server.awaitTotal("*", 60);
      TestServer.Reply reply = server.send("POST", "/api/v1/admin/delete", ERASE_PAYMENT);
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      JsonNode days = reply.json().path("days");
      assertThat(days).extracting(day -> day.path("day").asText() + " " + day.path("events").asLong() + " "
          + day.path("archive").asText()).containsExactly(ARCHIVED_ONLY + " 45 rewritten",
              ARCHIVED_AND_LOCAL + " 20 rewritten", HOT + " 10 not archived");
      assertThat(reply.json().path("events").asLong()).isEqualTo(75);

      assertThat(server.search("service:payment").path("total").asLong()).isZero();
      assertThat(server.search("service:checkout").path("total").asLong()).isEqualTo(30);

      List<String> archivedOnly = manifests(s3, ARCHIVED_ONLY);
      assertThat(archivedOnly).as("one generation left").hasSize(1).doesNotContain(before);
      ArchiveManifest rewritten = manifest(s3, archivedOnly.get(0));
      assertThat(rewritten.events()).isEqualTo(45);
      assertThat(rewritten.services()).containsExactly("checkout");
      assertThat(ArchiveTesting.keys(s3, ARCHIVED_ONLY)).as("no object of the old generation")
          .allMatch(key -> key.startsWith(archivedOnly.get(0).substring(0, archivedOnly.get(0).lastIndexOf('/'))));
      List<String> local = manifests(s3, ARCHIVED_AND_LOCAL);
      assertThat(local).hasSize(1);
      assertThat(manifest(s3, local.get(0)).events()).isEqualTo(20);
      assertThat(manifest(s3, local.get(0)).services()).containsExactly("checkout");

      JsonNode state = server.get("/api/v1/archive/days").json().get("days");
      assertThat(state).extracting(day -> day.path("day").asText() + " " + day.path("events").asLong())
          .containsExactly(ARCHIVED_ONLY + " 45", ARCHIVED_AND_LOCAL + " 20");
      assertThat(dir.resolve("data/archive/erasure")).as("the downloaded copy is gone").satisfiesAnyOf(
          path -> assertThat(path).doesNotExist(), path -> assertThat(path).isEmptyDirectory());

      TestServer.Reply again = server.send("POST", "/api/v1/admin/delete", ERASE_PAYMENT);
      assertThat(again.json().path("events").asLong()).as("idempotent").isZero();
      assertThat(manifests(s3, ARCHIVED_ONLY)).as("nothing rewritten again").isEqualTo(archivedOnly);
    }
  }

  @Test
  void aCorruptedArchivedObjectStopsTheErasureNamingTheObjectAndItStaysUnfinished() throws Exception {
    Path data = dir.resolve("data");
    String manifestKey = archiveThreeDays(data);
    String prefix = manifestKey.substring(0, manifestKey.lastIndexOf('/') + 1);
    String victim = manifest(s3, manifestKey).files().stream().filter(file -> file.bytes() > 0)
        .max(java.util.Comparator.comparingLong(ManifestFile::bytes)).orElseThrow().name();
    Path object = s3.objectFile(prefix + victim);
    byte[] bytes = Files.readAllBytes(object);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(object, bytes);
    try (TestServer server = ArchiveTesting.server(data, s3, Map.of(), UploadSeam.NONE)) {
      TestServer.Reply reply = server.send("POST", "/api/v1/admin/delete", ERASE_PAYMENT);
      assertThat(reply.status()).as(reply.body()).isEqualTo(500);
      assertThat(reply.json().path("outcome").asText()).isEqualTo("unfinished");
      assertThat(reply.json().path("error").asText()).contains(prefix + victim).contains("sha256");
      List<String> log = Files.readAllLines(data.resolve("erasure/erasures.ndjson"));
      assertThat(log).as("started, no finished: resumed at the next start").hasSize(1);
      assertThat(log.get(0)).contains("\"type\":\"started\"");
      assertThat(manifests(s3, ARCHIVED_ONLY)).as("the archived day is left as it was").containsExactly(manifestKey);
    }
  }
}
