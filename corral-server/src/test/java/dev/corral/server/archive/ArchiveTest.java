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
import dev.corral.server.auth.Access;
import dev.corral.server.auth.Principal;
import dev.corral.server.auth.Scope;
import dev.corral.server.http.Route;
import dev.corral.server.service.Service;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The archive against a real S3-compatible server (s3proxy): what is uploaded, listed, replaced and removed. */
class ArchiveTest {
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

  @Test
  void aWarmDayIsUploadedWithItsManifestVerifiedAndListedWhileAHotDayIsNot() throws Exception {
    try (TestServer server = server(data, s3, Map.of(), UploadSeam.NONE)) {
      ingest(server, events(DAY, 300, "a"), 300);
      ingest(server, events("2026-11-20", 100, "b"), 400);
      compact(server, DAY);

      JsonNode pass = runPass(server).json();

      assertThat(pass.get("archived")).extracting(JsonNode::asText).containsExactly(DAY);
      assertThat(pass.get("failures")).isEmpty();
      List<String> manifests = manifests(s3, DAY);
      assertThat(manifests).hasSize(1);
      ArchiveManifest manifest = manifest(s3, manifests.get(0));
      assertThat(manifest.day()).hasToString(DAY);
      assertThat(manifest.events()).isEqualTo(300);
      assertThat(manifest.services()).containsExactly("checkout", "payment");
      assertThat(manifest.firstEvent()).hasValueSatisfying(t -> assertThat(t).hasToString(DAY + "T10:00:00Z"));
      assertThat(manifest.lastEvent()).hasValueSatisfying(t -> assertThat(t).hasToString(DAY + "T10:04:59Z"));
      assertThat(manifest.tier()).isEqualTo("warm");
      assertThat(manifest.files()).extracting(ManifestFile::name).anyMatch(name -> name.startsWith("segments_"));
      try (S3Client client = s3.client()) {
        for (ManifestFile file : manifest.files()) {
          String key = manifests.get(0).replace("manifest.json", file.name());
          try (InputStream in = client.getObject(b -> b.bucket(S3TestServer.BUCKET).key(key))) {
            assertThat(ContentDigest.sha256(in)).isEqualTo(new ContentDigest.Digest(file.sha256(), file.bytes()));
          }
        }
      }
      assertThat(manifests(s3, "2026-11-20")).as("a hot day waits").isEmpty();

      JsonNode listed = server.get("/api/v1/archive/days").json();
      assertThat(listed.get("enabled").asBoolean()).isTrue();
      assertThat(listed.get("days")).hasSize(1);
      assertThat(listed.get("days").get(0).get("tier").asText()).as("kept locally by default").isEqualTo("warm");
      assertThat(listed.get("days").get(0).get("events").asLong()).isEqualTo(300);
      JsonNode stats = server.get("/api/v1/stats").json().get("archive");
      assertThat(stats.get("state").asText()).isEqualTo("ok");
      assertThat(stats.get("archived_days").asInt()).isEqualTo(1);
      assertThat(stats.get("archived_bytes").asLong()).isEqualTo(manifest.bytes());
      assertThat(stats.toString()).doesNotContain(S3TestServer.SECRET_KEY);

      assertThat(runPass(server).json().get("archived")).as("nothing changed: nothing uploaded again").isEmpty();
      assertThat(Files.readString(data.resolve("archive/state.json"))).contains("\"format_version\" : 1", DAY);
    }
  }

  @Test
  void lateEventsAreUploadedAsANewGenerationThatReplacesTheOld() throws Exception {
    try (TestServer server = server(data, s3, Map.of(), UploadSeam.NONE)) {
      ingest(server, events(DAY, 200, "a"), 200);
      compact(server, DAY);
      runPass(server);
      String first = manifests(s3, DAY).get(0);

      ingest(server, events(DAY, 50, "late"), 250);
      compact(server, DAY);
      JsonNode pass = runPass(server).json();

      assertThat(pass.get("archived")).extracting(JsonNode::asText).containsExactly(DAY);
      List<String> manifests = manifests(s3, DAY);
      assertThat(manifests).hasSize(1).doesNotContain(first);
      assertThat(manifest(s3, manifests.get(0)).events()).isEqualTo(250);
      String generation = manifests.get(0).split("/")[3];
      assertThat(ArchiveTesting.keys(s3, DAY)).as("the old generation's objects are gone")
          .allMatch(key -> key.split("/")[3].equals(generation));
    }
  }

  @Test
  void anArchivedDayPastLocalMaxAgeLeavesTheDiskAndItsTierIsArchive() throws Exception {
    try (TestServer server = server(data, s3, Map.of("archive.local_max_age", "1d"), UploadSeam.NONE)) {
      ingest(server, events(DAY, 120, "a"), 120);
      ingest(server, events("2026-11-20", 80, "b"), 200);
      compact(server, DAY);

      JsonNode pass = runPass(server).json();

      assertThat(pass.get("archived")).extracting(JsonNode::asText).containsExactly(DAY);
      assertThat(pass.get("removed_locally")).extracting(JsonNode::asText).containsExactly(DAY);
      server.awaitTotal("*", 80);
      assertThat(server.get("/api/v1/stats").json().get("partitions")).extracting(p -> p.get("day").asText())
          .containsExactly("2026-11-20");
      JsonNode day = server.get("/api/v1/archive/days").json().get("days").get(0);
      assertThat(day.get("day").asText()).isEqualTo(DAY);
      assertThat(day.get("tier").asText()).isEqualTo("archive");
      assertThat(day.get("local").asBoolean()).isFalse();
      assertThat(manifests(s3, DAY)).hasSize(1);
    }
  }

  @Test
  void aDayPastMaxAgeIsDeletedFromTheBucketAndNotUploadedAgain() throws Exception {
    try (TestServer server = server(data, s3, Map.of(), UploadSeam.NONE)) {
      ingest(server, events(DAY, 100, "a"), 100);
      compact(server, DAY);
      runPass(server);
      assertThat(manifests(s3, DAY)).hasSize(1);
    }
    try (TestServer server = server(data, s3, Map.of("archive.max_age", "10d"), UploadSeam.NONE)) {
      JsonNode pass = runPass(server).json();

      assertThat(pass.get("deleted_from_bucket")).extracting(JsonNode::asText).containsExactly(DAY);
      assertThat(ArchiveTesting.keys(s3, DAY)).isEmpty();
      assertThat(server.get("/api/v1/archive/days").json().get("days")).isEmpty();
      assertThat(runPass(server).json().get("archived")).as("past max_age: not uploaded again").isEmpty();
      assertThat(server.search("tag:a").get("total").asLong()).as("the local day is retention's business").isEqualTo(100);
    }
  }

  /** Serves the archive's read routes again under {@code /restricted}, acting as a read key restricted to one service. */
  private static Service restrictedReads(List<Service> services) {
    Principal restricted = new Principal("test-key", "test", Scope.READ, "service:checkout");
    List<Route> routes = services.stream().filter(service -> service instanceof ArchiveService)
        .flatMap(service -> service.routes().stream()).filter(route -> route.access() == Access.READ)
        .map(route -> new Route(route.method(), "/restricted" + route.path(), route.access(),
            request -> route.handler().handle(request.as(restricted))))
        .toList();
    return new Service() {
      @Override
      public String name() {
        return "test-restricted-archive-reads";
      }

      @Override
      public List<Route> routes() {
        return routes;
      }
    };
  }

  @Test
  void aKeyRestrictedToSomeServicesSeesArchivedDaysAndTiersButNoCountsOrSizes() throws Exception {
    Map<String, String> settings = new java.util.HashMap<>(s3.archiveSettings(ArchiveTesting.PREFIX));
    settings.put("archive.after", "0");
    try (TestServer server = TestServer.startWith(data, settings, ArchiveTest::restrictedReads)) {
      ingest(server, events(DAY, 100, "a"), 100);
      compact(server, DAY);
      runPass(server);

      JsonNode day = server.get("/restricted/api/v1/archive/days").json().get("days").get(0);

      assertThat(day.fieldNames()).toIterable().containsExactly("day", "tier");
      assertThat(day.get("day").asText()).isEqualTo(DAY);
      assertThat(server.get("/api/v1/archive/days").json().get("days").get(0).get("events").asLong()).isEqualTo(100);
    }
  }
}
