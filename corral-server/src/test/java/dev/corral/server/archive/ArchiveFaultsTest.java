package dev.corral.server.archive;

import static dev.corral.server.archive.ArchiveTesting.DAY;
import static dev.corral.server.archive.ArchiveTesting.bulkyEvents;
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
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The archive's faults against a real s3proxy: the store going down mid-upload, a multipart upload
 * cut short, an object corrupted before verification, wrong credentials and a missing bucket. In
 * each the local day stays searchable and is not recorded as archived until a verified upload.
 */
class ArchiveFaultsTest {
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

  /** Stops s3proxy the first time the upload reaches {@code step}. */
  private UploadSeam stopS3At(String step) {
    AtomicBoolean stopped = new AtomicBoolean();
    return (reached, key) -> {
      if (reached.equals(step) && stopped.compareAndSet(false, true)) {
        s3.stop();
      }
    };
  }

  private static JsonNode archiveStats(TestServer server) {
    return server.get("/api/v1/stats").json().get("archive");
  }

  @Test
  void theStoreGoingDownMidUploadLeavesTheDayLocalAndUnrecordedUntilItComesBack() throws Exception {
    try (TestServer server = server(data, s3, Map.of(), stopS3At("object"))) {
      ingest(server, events(DAY, 200, "a"), 200);
      compact(server, DAY);

      JsonNode failed = runPass(server).json();

      assertThat(failed.get("archived")).isEmpty();
      assertThat(failed.get("error").asText()).contains("cannot", "s3://corral-archive/corral/days/" + DAY + "/");
      JsonNode stats = archiveStats(server);
      assertThat(stats.get("state").asText()).isEqualTo("failing");
      assertThat(stats.get("error").asText()).doesNotContain("\n");
      assertThat(stats.get("consecutive_failures").asInt()).isEqualTo(1);
      assertThat(stats.get("days")).isEmpty();
      assertThat(server.search("tag:a").get("total").asLong()).as("local data kept").isEqualTo(200);

      s3.start();
      assertThat(manifests(s3, DAY)).as("no manifest: the cut upload is not archived").isEmpty();
      JsonNode pass = runPass(server).json();

      assertThat(pass.get("archived")).extracting(JsonNode::asText).containsExactly(DAY);
      assertThat(manifests(s3, DAY)).hasSize(1);
      assertThat(archiveStats(server).get("state").asText()).isEqualTo("ok");
      assertThat(archiveStats(server).get("error").isNull()).isTrue();
    }
  }

  /**
   * A retention drop while the day uploads: the upload reads its snapshot (hard links) to the end and
   * is verified, and the day, gone from the disk meanwhile, is recorded as only in the bucket, so
   * queries reach it there at once — not after the next pass.
   */
  @Test
  void aRetentionDropDuringTheUploadLeavesTheUploadWholeAndTheDayQueryableFromTheBucket() throws Exception {
    CountDownLatch reached = new CountDownLatch(1);
    CountDownLatch dropped = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    UploadSeam holdFirstObject = (step, key) -> {
      if (step.equals("object") && first.compareAndSet(true, false)) {
        reached.countDown();
        dropped.await();
      }
    };
    try (TestServer server = server(data, s3, Map.of(), holdFirstObject)) {
      ingest(server, events(DAY, 200, "a"), 200);
      ingest(server, events(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(), 10, "today"), 210);
      compact(server, DAY);
      CompletableFuture<TestServer.Reply> pass = CompletableFuture.supplyAsync(() -> runPass(server));
      reached.await();
      try {
        assertThat(server.send("PUT", "/api/v1/admin/retention", "{\"max_age\": \"10d\"}").status()).isEqualTo(200);
        assertThat(server.post("/api/v1/admin/retention/run", new byte[0]).body()).contains(DAY);
        assertThat(server.search("tag:a").get("total").asLong()).as("dropped locally").isZero();
      } finally {
        dropped.countDown();
      }

      JsonNode outcome = pass.get().json();

      assertThat(outcome.get("archived")).as(outcome.toString()).extracting(JsonNode::asText).containsExactly(DAY);
      assertThat(manifest(s3, manifests(s3, DAY).get(0)).events()).isEqualTo(200);
      JsonNode day = server.get("/api/v1/archive/days").json().get("days").get(0);
      assertThat(day.get("tier").asText()).isEqualTo("archive");
      assertThat(ArchiveLateEventsTest.total(server, "tag:a")).as("from the bucket").isEqualTo(200);
    }
  }

  @Test
  void aMultipartUploadCutShortIsAbortedAndRedone() throws Exception {
    Map<String, String> smallParts = Map.of("archive.part_bytes", "5MiB");
    try (TestServer server = server(data, s3, smallParts, stopS3At("part"))) {
      for (int chunk = 0; chunk < 4; chunk++) {
        ingest(server, bulkyEvents(DAY, 4000, chunk), 4000L * (chunk + 1));
      }
      compact(server, DAY);

      JsonNode failed = runPass(server).json();
      assertThat(failed.get("error").asText()).contains("part 2");

      s3.start();
      try (S3Client client = s3.client()) {
        assertThat(client.listMultipartUploads(b -> b.bucket(S3TestServer.BUCKET)).uploads())
            .as("the cut upload is still open in the bucket").hasSize(1);
      }
      assertThat(manifests(s3, DAY)).isEmpty();

      JsonNode pass = runPass(server).json();

      assertThat(pass.get("aborted_uploads").asInt()).isEqualTo(1);
      assertThat(pass.get("archived")).extracting(JsonNode::asText).containsExactly(DAY);
      try (S3Client client = s3.client()) {
        assertThat(client.listMultipartUploads(b -> b.bucket(S3TestServer.BUCKET)).uploads()).isEmpty();
      }
      ArchiveManifest manifest = manifest(s3, manifests(s3, DAY).get(0));
      assertThat(manifest.events()).isEqualTo(16_000);
      assertThat(manifest.files()).as("a file big enough for parts").anyMatch(file -> file.bytes() >= 5L << 20);
    }
  }

  @Test
  void anObjectCorruptedBeforeVerificationIsNamedAndTheDayIsNotRecorded() throws Exception {
    AtomicReference<String> corrupted = new AtomicReference<>();
    UploadSeam corruptFirstFile = (step, key) -> {
      if (step.equals("object") && corrupted.compareAndSet(null, key)) {
        try (FileChannel file = FileChannel.open(s3.objectFile(ArchiveTesting.PREFIX + "/" + key), StandardOpenOption.WRITE)) {
          file.write(ByteBuffer.wrap(new byte[] {(byte) 0xde, (byte) 0xad}), 0); // same size, other bytes
        }
      }
    };
    try (TestServer server = server(data, s3, Map.of(), corruptFirstFile)) {
      ingest(server, events(DAY, 200, "a"), 200);
      compact(server, DAY);

      JsonNode failed = runPass(server).json();

      String reason = failed.get("failures").get(DAY).asText();
      assertThat(reason).contains("s3://corral-archive/corral/" + corrupted.get(), "has sha256", "the manifest says");
      assertThat(archiveStats(server).get("error").asText()).contains(corrupted.get());
      assertThat(archiveStats(server).get("days")).isEmpty();
      assertThat(manifests(s3, DAY)).as("the manifest of a bad upload is withdrawn").isEmpty();
      assertThat(server.search("tag:a").get("total").asLong()).as("local day kept").isEqualTo(200);

      JsonNode pass = runPass(server).json(); // the seam corrupts only once

      assertThat(pass.get("archived")).extracting(JsonNode::asText).containsExactly(DAY);
      assertThat(archiveStats(server).get("days")).hasSize(1);
    }
  }

  private void assertStartsAndIngestsWithAOneLineArchiveError(Map<String, String> settings, String expected)
      throws Exception {
    Map<String, String> all = new HashMap<>(s3.archiveSettings(ArchiveTesting.PREFIX));
    all.putAll(settings);
    try (TestServer server = TestServer.start(data, all)) {
      JsonNode stats = null;
      for (int attempt = 0; attempt < 400; attempt++) { // the start-up check runs on the archive's thread
        stats = archiveStats(server);
        if (!stats.get("error").isNull()) {
          break;
        }
        Thread.sleep(50);
      }
      assertThat(stats.get("state").asText()).isEqualTo("failing");
      assertThat(stats.get("error").asText()).contains(expected).doesNotContain("\n", "Exception", "\tat ");
      assertThat(stats.toString()).doesNotContain(S3TestServer.SECRET_KEY);
      ingest(server, events(DAY, 20, "a"), 20);
      compact(server, DAY);
      JsonNode pass = runPass(server).json();
      assertThat(pass.get("archived")).isEmpty();
      assertThat(pass.get("error").asText()).contains(expected);
      assertThat(server.get("/health").status()).as("the server runs").isEqualTo(200);
    }
  }

  @Test
  void wrongCredentialsAreOneLineInStatsAndTheServerStillIngests() throws Exception {
    assertStartsAndIngestsWithAOneLineArchiveError(Map.of("archive.secret_key", "not-the-secret", "archive.after", "0"),
        "HTTP 403");
  }

  @Test
  void aMissingBucketIsOneLineInStatsAndTheServerStillIngests() throws Exception {
    assertStartsAndIngestsWithAOneLineArchiveError(Map.of("archive.url", "s3://no-such-bucket/corral", "archive.after",
        "0"), "s3://no-such-bucket");
  }
}
