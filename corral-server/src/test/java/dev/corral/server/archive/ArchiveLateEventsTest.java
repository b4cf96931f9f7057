package dev.corral.server.archive;

import static dev.corral.server.archive.ArchiveTesting.DAY;
import static dev.corral.server.archive.ArchiveTesting.compact;
import static dev.corral.server.archive.ArchiveTesting.events;
import static dev.corral.server.archive.ArchiveTesting.ingest;
import static dev.corral.server.archive.ArchiveTesting.manifest;
import static dev.corral.server.archive.ArchiveTesting.manifests;
import static dev.corral.server.archive.ArchiveTesting.runPass;
import static dev.corral.server.archive.ArchiveTesting.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Late events of a day only the bucket holds (docs/operations.md, "Late events of an archived
 * day"), against a real s3proxy: queries read the archived copy and the local late events together,
 * each event once; the next pass merges the copy into the local partition, uploads it as the day's
 * new generation, verifies it and removes it locally again; nothing is lost, nothing doubled.
 */
class ArchiveLateEventsTest {
  static final String NEXT_DAY = "2026-11-20";
  /** A range reaching {@link ArchiveTesting#DAY} and {@link #NEXT_DAY}: queries with it reach archived days. */
  static final String RANGE = "\"from\":\"" + DAY + "T00:00:00Z\",\"to\":\"2026-11-21T00:00:00Z\"";

  @TempDir Path data;
  @TempDir Path objects;
  private S3TestServer s3;

  @BeforeEach
  void startS3() throws Exception {
    s3 = S3TestServer.start(objects);
  }

  @AfterEach
  void stopS3() throws Exception {
    s3.close();
  }

  /** The total of {@code q} over {@link #RANGE}. */
  static long total(TestServer server, String q) {
    TestServer.Reply reply = server.post("/api/v1/query", ("{\"q\":\"" + q + "\"," + RANGE + "}")
        .getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
    if (reply.status() != 200) {
      throw new AssertionError("query answered " + reply.status() + ": " + reply.body());
    }
    return reply.json().get("total").asLong();
  }

  /** Archives {@code events} of DAY and removes the day locally (archive.local_max_age), beside 80 events of the next day. */
  static void archiveAndRemoveLocally(TestServer server, int events) throws Exception {
    ingest(server, events(DAY, events, "a"), events);
    ingest(server, events(NEXT_DAY, 80, "b"), events + 80);
    compact(server, DAY);
    JsonNode pass = runPass(server).json();
    assertThat(pass.get("removed_locally")).extracting(JsonNode::asText).containsExactly(DAY);
  }

  @Test
  void lateEventsOfADayOnlyTheBucketHeldAreQueriedWithItThenFoldedIntoOneNewVerifiedGeneration() throws Exception {
    try (TestServer server = server(data, s3, Map.of("archive.local_max_age", "1d"), UploadSeam.NONE)) {
      archiveAndRemoveLocally(server, 120);
      long firstGeneration = server.get("/api/v1/archive/days").json().get("days").get(0).get("generation").asLong();

      ingest(server, events(DAY, 30, "late"), 110); // local: the next day's 80 and the 30 late ones
      assertThat(total(server, "*")).as("the archived copy and the late events, each once").isEqualTo(230);
      assertThat(total(server, "tag:late")).isEqualTo(30);
      assertThat(total(server, "tag:a")).isEqualTo(120);

      compact(server, DAY); // the late partition turns warm: due
      JsonNode pass = runPass(server).json();

      assertThat(pass.get("failures").size()).as(pass.toString()).isZero();
      assertThat(pass.get("archived")).extracting(JsonNode::asText).containsExactly(DAY);
      assertThat(pass.get("removed_locally")).extracting(JsonNode::asText).containsExactly(DAY);
      assertThat(manifests(s3, DAY)).as("one generation in the bucket").hasSize(1);
      ArchiveManifest merged = manifest(s3, manifests(s3, DAY).get(0));
      assertThat(merged.events()).isEqualTo(150);
      assertThat(ArchiveTesting.keys(s3, DAY)).as("no object of the old generation")
          .allMatch(key -> key.startsWith(ArchiveTesting.PREFIX + "/days/" + DAY + "/" + merged.generation() + "/"));
      JsonNode day = server.get("/api/v1/archive/days").json().get("days").get(0);
      assertThat(day.get("tier").asText()).isEqualTo("archive");
      assertThat(day.get("events").asLong()).isEqualTo(150);
      assertThat(server.get("/api/v1/stats").json().get("partitions")).extracting(p -> p.get("day").asText())
          .containsExactly(NEXT_DAY);

      assertThat(total(server, "*")).as("from the new generation: no stale copy in the cache").isEqualTo(230);
      assertThat(total(server, "tag:late")).isEqualTo(30);
      assertThat(runPass(server).json().get("archived")).as("idempotent").isEmpty();
      assertThat(manifest(s3, manifests(s3, DAY).get(0)).generation()).isEqualTo(merged.generation());
      assertThat(firstGeneration).isNotNegative();
    }
    try (TestServer server = server(data, s3, Map.of("archive.local_max_age", "1d"), UploadSeam.NONE)) {
      assertThat(total(server, "*")).as("after a restart").isEqualTo(230);
    }
  }

  /**
   * A day merged with late events is uploaded under its local partition's generation, which says
   * nothing of its age; a fresh server learning the bucket's days (disaster recovery) takes each
   * day's newest manifest, here over a stale copy a crash left under a higher generation number.
   */
  @Test
  void aFreshServerLearnsEachDaysNewestUploadNotItsHighestGenerationNumber(@TempDir Path fresh) throws Exception {
    long merged;
    try (TestServer server = server(data, s3, Map.of("archive.local_max_age", "1d"), UploadSeam.NONE)) {
      archiveAndRemoveLocally(server, 120);
      ingest(server, events(DAY, 30, "late"), 110);
      compact(server, DAY);
      runPass(server);
      merged = manifest(s3, manifests(s3, DAY).get(0)).generation();
    }
    String from = ArchiveTesting.PREFIX + "/days/" + DAY + "/" + merged + "/";
    String to = ArchiveTesting.PREFIX + "/days/" + DAY + "/" + (merged + 1000) + "/";
    try (S3Client client = s3.client()) {
      for (String key : ArchiveTesting.keys(s3, DAY)) {
        byte[] bytes = client.getObjectAsBytes(b -> b.bucket(S3TestServer.BUCKET).key(key)).asByteArray();
        if (key.endsWith("/" + ArchiveManifest.NAME)) {
          bytes = new String(bytes, StandardCharsets.UTF_8).replaceFirst("\"generation\" : \\d+", "\"generation\" : " + (merged + 1000))
              .replaceFirst("\"events\" : \\d+", "\"events\" : 120")
              .replaceFirst("\"created_at\" : \"[^\"]+\"", "\"created_at\" : \"2026-11-20T00:00:00Z\"")
              .getBytes(StandardCharsets.UTF_8);
        }
        byte[] body = bytes;
        client.putObject(b -> b.bucket(S3TestServer.BUCKET).key(to + key.substring(from.length())), RequestBody.fromBytes(body));
      }
    }
    assertThat(manifests(s3, DAY)).as("the stale copy beside the newest").hasSize(2);

    try (TestServer server = server(fresh, s3, Map.of(), UploadSeam.NONE)) {
      JsonNode restore = server.post("/api/v1/admin/archive/restore", "{\"all\":true}".getBytes(StandardCharsets.UTF_8),
          "Content-Type", "application/json").json();
      assertThat(restore.get("failed").size()).as(restore.toString()).isZero();
      JsonNode day = server.get("/api/v1/archive/days").json().get("days").get(0);
      assertThat(day.get("generation").asLong()).isEqualTo(merged);
      assertThat(day.get("events").asLong()).isEqualTo(150);
      assertThat(total(server, "tag:late")).isEqualTo(30);
    }
  }

  @Test
  void aSecondBatchOfLateEventsIsFoldedIntoTheNextGenerationToo() throws Exception {
    try (TestServer server = server(data, s3, Map.of("archive.local_max_age", "1d"), UploadSeam.NONE)) {
      archiveAndRemoveLocally(server, 100);
      for (int round = 1; round <= 2; round++) {
        ingest(server, events(DAY, 10, "late" + round), 80 + 10);
        assertThat(total(server, "*")).isEqualTo(180 + 10L * round);
        compact(server, DAY);
        assertThat(runPass(server).json().get("removed_locally")).extracting(JsonNode::asText).containsExactly(DAY);
        assertThat(total(server, "*")).isEqualTo(180 + 10L * round);
        assertThat(total(server, "tag:late" + round)).isEqualTo(10);
      }
      assertThat(manifests(s3, DAY)).hasSize(1);
      assertThat(manifest(s3, manifests(s3, DAY).get(0)).events()).isEqualTo(120);
    }
  }
}
