package dev.corral.server.archive;

import static dev.corral.server.archive.ArchiveTesting.DAY;
import static dev.corral.server.archive.ArchiveTesting.events;
import static dev.corral.server.archive.ArchiveTesting.manifest;
import static dev.corral.server.archive.ArchiveTesting.manifests;
import static dev.corral.server.archive.ArchiveTesting.runPass;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during an archive pass: a server in a child JVM ({@link ArchivingServerChild}) stops at
 * a step of its upload, is killed there, and the server restarted on the same data directory
 * resumes: the day archived once, one manifest, no objects of another generation, every event
 * still searchable; and kill -9 during a restore ({@link RestoringServerChild}): the restarted server
 * fetches each pinned day once and whole. By state (a marker file the child writes at the step), not timing.
 */
class ArchiveCrashTest {
  /** Give-up bound for a child JVM to start, or to reach a step it must reach. */
  private static final long GIVE_UP_SECONDS = 120;
  private static final int EVENTS = 300;

  @TempDir Path dir;
  private S3TestServer s3;
  private Process child;

  @BeforeEach
  void startS3() throws Exception {
    s3 = S3TestServer.start(dir.resolve("objects"));
  }

  @AfterEach
  void stop() throws Exception {
    if (child != null) {
      child.destroyForcibly().waitFor();
    }
    s3.close();
  }

  /** Starts the child, ingests and compacts the day, starts a pass and kills the child once it reaches {@code step}. */
  private void killAt(Path data, String step, String... settings) throws Exception {
    killAt(data, step, EVENTS, "a", settings);
  }

  /**
   * Starts the child with {@code settings}, ingests {@code events} of the day tagged {@code tag} and
   * compacts the day, starts a pass and kills the child once it reaches {@code step}.
   */
  private void killAt(Path data, String step, int events, String tag, String... settings) throws Exception {
    Path marker = dir.resolve("reached-" + step);
    List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), ArchivingServerChild.class.getName(), data.toString(),
        s3.endpoint(), step, marker.toString()));
    command.addAll(List.of(settings));
    child = new ProcessBuilder(command).redirectError(dir.resolve("child-" + step + ".err").toFile()).start();
    URI url = childUrl();
    HttpClient http = HttpClient.newHttpClient();
    assertThat(http.send(HttpRequest.newBuilder(url.resolve("/api/v1/ingest")).header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString(events(DAY, events, tag))).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
    while (!http.send(HttpRequest.newBuilder(url.resolve("/api/v1/search?q=tag:" + tag)).build(),
        HttpResponse.BodyHandlers.ofString()).body().contains("\"total\":" + events + ",")) {
      assertThat(System.nanoTime()).as("the child indexed the events").isLessThan(deadline);
      Thread.sleep(20);
    }
    assertThat(http.send(HttpRequest.newBuilder(url.resolve("/api/v1/admin/compact?day=" + DAY))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
    http.sendAsync(HttpRequest.newBuilder(url.resolve("/api/v1/admin/archive/run")).POST(HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.discarding()); // never answers: the child hangs at the step
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
    while (!Files.exists(marker)) {
      assertThat(System.nanoTime()).as("the child reached " + step).isLessThan(deadline);
      assertThat(child.isAlive()).as("the child runs; " + dir.resolve("child-" + step + ".err")).isTrue();
      Thread.sleep(20);
    }
    child.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
    assertThat(child.waitFor(GIVE_UP_SECONDS, TimeUnit.SECONDS)).isTrue();
  }

  private URI childUrl() throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("url=")) {
        return URI.create(line.substring("url=".length()));
      }
    }
    throw new AssertionError("the child exited before it was ready; see its stderr in " + dir);
  }

  private void assertArchivedOnce(TestServer server) throws Exception {
    server.awaitTotal("*", EVENTS);
    assertThat(server.get("/api/v1/archive/days").json().get("days")).hasSize(1);
    List<String> manifests = manifests(s3, DAY);
    assertThat(manifests).as("one manifest").hasSize(1);
    String generation = manifests.get(0).split("/")[3];
    assertThat(ArchiveTesting.keys(s3, DAY)).as("no objects of another generation")
        .allMatch(key -> key.split("/")[3].equals(generation));
    assertThat(manifest(s3, manifests.get(0)).events()).isEqualTo(EVENTS);
  }

  @Test
  void killedMidUploadTheRestartedServerUploadsTheDayOnce() throws Exception {
    Path data = dir.resolve("data");
    killAt(data, "object");
    assertThat(manifests(s3, DAY)).as("cut before the manifest").isEmpty();

    try (TestServer server = ArchiveTesting.server(data, s3, Map.of(), UploadSeam.NONE)) {
      assertThat(server.get("/api/v1/archive/days").json().get("days")).as("nothing recorded").isEmpty();
      JsonNode pass = runPass(server).json();
      assertThat(pass.get("archived")).extracting(JsonNode::asText).containsExactly(DAY);
      assertArchivedOnce(server);
      assertThat(runPass(server).json().get("archived")).as("idempotent").isEmpty();
    }
  }

  @Test
  void killedAfterTheManifestTheRestartedServerVerifiesAndRecordsWithoutUploadingAgain() throws Exception {
    Path data = dir.resolve("data");
    killAt(data, "manifest");
    List<String> before = manifests(s3, DAY);
    assertThat(before).hasSize(1);
    ArchiveManifest uploaded = manifest(s3, before.get(0));

    try (TestServer server = ArchiveTesting.server(data, s3, Map.of(), UploadSeam.NONE)) {
      assertThat(server.get("/api/v1/archive/days").json().get("days")).as("not recorded before verification").isEmpty();
      JsonNode pass = runPass(server).json();
      assertThat(pass.get("archived")).extracting(JsonNode::asText).containsExactly(DAY);
      assertArchivedOnce(server);
      assertThat(manifest(s3, manifests(s3, DAY).get(0)).createdAt()).as("the same manifest: not uploaded again")
          .isEqualTo(uploaded.createdAt());
    }
  }

  /**
   * Late events of a day only the bucket held: the child is killed right after the store committed
   * the archived copy merged with them, before {@code state.json} says so. The restarted server reads
   * the mark in the partition's commit: each event once in queries, the merge not done twice, and
   * the next pass uploads the day once with every event.
   */
  @Test
  void killedAfterMergingLateEventsWithTheArchivedCopyTheRestartedServerNeitherDoublesNorLosesAny() throws Exception {
    Path data = dir.resolve("data");
    Map<String, String> localMaxAge = Map.of("archive.local_max_age", "1d");
    try (TestServer server = ArchiveTesting.server(data, s3, localMaxAge, UploadSeam.NONE)) {
      ArchiveLateEventsTest.archiveAndRemoveLocally(server, EVENTS);
    }
    killAt(data, "merged", 40, "late", "archive.local_max_age=1d");
    assertThat(manifest(s3, manifests(s3, DAY).get(0)).events()).as("nothing uploaded yet").isEqualTo(EVENTS);

    try (TestServer server = ArchiveTesting.server(data, s3, localMaxAge, UploadSeam.NONE)) {
      server.awaitTotal("tag:late", 40);
      assertThat(ArchiveLateEventsTest.total(server, "*")).as("each event once").isEqualTo(EVENTS + 40 + 80);
      JsonNode pass = runPass(server).json();
      assertThat(pass.get("archived")).as(pass.toString()).extracting(JsonNode::asText).containsExactly(DAY);
      assertThat(pass.get("removed_locally")).extracting(JsonNode::asText).containsExactly(DAY);
      assertThat(manifests(s3, DAY)).hasSize(1);
      assertThat(manifest(s3, manifests(s3, DAY).get(0)).events()).as("merged once").isEqualTo(EVENTS + 40);
      assertThat(ArchiveLateEventsTest.total(server, "*")).isEqualTo(EVENTS + 40 + 80);
      assertThat(ArchiveLateEventsTest.total(server, "tag:late")).isEqualTo(40);
    }
  }

  @Test
  void killedMidRestoreTheRestartedServerFetchesEachPinnedDayOnceAndWhole() throws Exception {
    Path data = dir.resolve("data");
    try (TestServer server = ArchiveFetchTest.server(data, s3.endpoint(), Map.of(), FetchSeam.NONE)) {
      ArchiveFetchTest.archiveTwoDays(server);
    }
    Path marker = dir.resolve("reached");
    child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
        System.getProperty("java.class.path"), RestoringServerChild.class.getName(), data.toString(), s3.endpoint(), ArchiveFetchTest.DAY,
        marker.toString()).redirectError(dir.resolve("child.err").toFile()).start();
    URI url = childUrl();
    HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(url.resolve("/api/v1/admin/archive/restore"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"all\":true}")).build(), HttpResponse.BodyHandlers.discarding());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
    while (!Files.exists(marker)) {
      assertThat(System.nanoTime()).as("the child reached the download of " + ArchiveFetchTest.DAY).isLessThan(deadline);
      assertThat(child.isAlive()).as("the child runs; " + dir.resolve("child.err")).isTrue();
      Thread.sleep(20);
    }
    child.destroyForcibly(); // SIGKILL
    assertThat(child.waitFor(GIVE_UP_SECONDS, TimeUnit.SECONDS)).isTrue();
    Path cache = data.resolve("archive/cache");
    try (Stream<Path> left = Files.list(cache)) {
      assertThat(left.map(p -> p.getFileName().toString())).as("the kill left a partial download")
          .contains(FetchCache.PARTIAL_PREFIX + ArchiveFetchTest.DAY);
    }

    try (TestServer server = ArchiveFetchTest.server(data, s3.endpoint(), Map.of(), FetchSeam.NONE)) {
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
      JsonNode pinned = server.get("/api/v1/admin/archive/restore").json().get("pinned");
      while (!pinned.toString().equals("[{\"day\":\"" + ArchiveFetchTest.OLD + "\",\"cached\":true},{\"day\":\"" + ArchiveFetchTest.DAY
          + "\",\"cached\":true}]")) {
        assertThat(System.nanoTime()).as("the restore resumed: " + pinned).isLessThan(deadline);
        Thread.sleep(50);
        pinned = server.get("/api/v1/admin/archive/restore").json().get("pinned");
      }
      try (Stream<Path> left = Files.list(cache)) {
        assertThat(left.map(p -> p.getFileName().toString())).as("each day once, no partial download")
            .containsExactlyInAnyOrder(ArchiveFetchTest.OLD, ArchiveFetchTest.DAY);
      }
      JsonNode answer = ArchiveFetchTest.query(server, "/api/v1/query", "*").json();
      assertThat(answer.get("total").asLong()).as("ArchiveFetchTest.OLD, ArchiveFetchTest.DAY and LOCAL, no event twice").isEqualTo(300);
      assertThat(answer.get("archive").get("from_cache").asInt()).isEqualTo(2);
      assertThat(answer.get("archive").get("partitions_fetched").asInt()).isZero();
    }
  }
}
