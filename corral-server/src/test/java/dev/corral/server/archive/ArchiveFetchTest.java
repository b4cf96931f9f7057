package dev.corral.server.archive;

import static dev.corral.server.archive.ArchiveTesting.PREFIX;
import static dev.corral.server.archive.ArchiveTesting.compact;
import static dev.corral.server.archive.ArchiveTesting.events;
import static dev.corral.server.archive.ArchiveTesting.ingest;
import static dev.corral.server.archive.ArchiveTesting.manifests;
import static dev.corral.server.archive.ArchiveTesting.runPass;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import dev.corral.server.auth.Principal;
import dev.corral.server.auth.Scope;
import dev.corral.server.http.Route;
import dev.corral.server.search.SearchService;
import dev.corral.server.service.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Queries over archived days and restores, against a real S3-compatible server (s3proxy): days that
 * left the local disk are fetched into the cache, searched, reported in the response; the cache
 * survives restarts; a corrupt object names the file; a full disk or cache names the day and bytes;
 * restore pins, releases, and learns the bucket's days on a fresh data directory.
 */
class ArchiveFetchTest {
  static final String OLD = "2026-11-17";
  static final String DAY = "2026-11-18";
  static final String LOCAL = "2026-11-20";
  /** The range of every day the tests write. */
  static final String RANGE = "\"from\":\"2026-11-16T00:00:00Z\",\"to\":\"2026-11-21T00:00:00Z\"";

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

  /** A server archiving at once and removing archived days locally, with {@code fetchSeam} and the restricted reads. */
  private TestServer server(Path dir, Map<String, String> extra, FetchSeam fetchSeam) throws IOException {
    return server(dir, s3.endpoint(), extra, fetchSeam);
  }

  /** A server archiving to the s3proxy at {@code endpoint}, else as {@link #server(Path, Map, FetchSeam)}. */
  static TestServer server(Path dir, String endpoint, Map<String, String> extra, FetchSeam fetchSeam)
      throws IOException {
    Map<String, String> settings = new HashMap<>(S3TestServer.settingsFor(endpoint, PREFIX));
    settings.put("archive.after", "0");
    settings.put("archive.local_max_age", "1d");
    settings.putAll(extra);
    return TestServer.startWith(dir, settings, services -> {
      services.stream().filter(ArchiveService.class::isInstance).map(ArchiveService.class::cast)
          .forEach(archive -> archive.fetchSeam(fetchSeam));
      return restrictedQueries(services);
    });
  }

  /** Serves POST /api/v1/query again as {@code /restricted/api/v1/query}, acting as a read key of service checkout. */
  private static Service restrictedQueries(List<Service> services) {
    Principal restricted = new Principal("test-key", "test", Scope.READ, "service:checkout");
    return new Service() {
      @Override
      public String name() {
        return "test-restricted-queries";
      }

      @Override
      public List<Route> routes() {
        return services.stream().filter(SearchService.class::isInstance).flatMap(service -> service.routes().stream())
            .filter(route -> route.path().equals("/api/v1/query"))
            .map(route -> new Route(route.method(), "/restricted" + route.path(), route.access(),
                request -> route.handler().handle(request.as(restricted))))
            .toList();
      }
    };
  }

  /** Archives OLD (100 events) and DAY (120) and removes them locally; LOCAL (80) stays hot. */
  static void archiveTwoDays(TestServer server) throws Exception {
    ingest(server, events(OLD, 100, "old"), 100);
    ingest(server, events(DAY, 120, "day"), 220);
    ingest(server, events(LOCAL, 80, "local"), 300);
    compact(server, OLD);
    compact(server, DAY);
    JsonNode pass = runPass(server).json();
    assertThat(pass.get("removed_locally")).extracting(JsonNode::asText).containsExactly(OLD, DAY);
    server.awaitTotal("*", 80);
  }

  static TestServer.Reply query(TestServer server, String path, String q) {
    return server.post(path, ("{\"q\":\"" + q + "\"," + RANGE + "}").getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/json");
  }

  private Path cache() {
    return data.resolve("archive/cache");
  }

  @Test
  void aQueryReachingArchivedDaysFetchesThemOnceThenAnswersFromTheCacheAlsoAfterARestart() throws Exception {
    try (TestServer server = server(data, Map.of(), FetchSeam.NONE)) {
      archiveTwoDays(server);

      JsonNode cold = query(server, "/api/v1/query", "*").json();
      JsonNode warm = query(server, "/api/v1/query", "*").json();
      JsonNode unbounded = server.search("*");

      assertThat(cold.get("total").asLong()).isEqualTo(300);
      assertThat(cold.get("partitions")).extracting(JsonNode::asText).containsExactly(LOCAL, DAY, OLD);
      assertThat(cold.get("archive").get("partitions_fetched").asInt()).isEqualTo(2);
      assertThat(cold.get("archive").get("from_cache").asInt()).isZero();
      assertThat(cold.get("archive").get("failed")).isEmpty();
      assertThat(warm.get("total").asLong()).isEqualTo(300);
      assertThat(warm.get("archive").get("partitions_fetched").asInt()).isZero();
      assertThat(warm.get("archive").get("from_cache").asInt()).isEqualTo(2);
      assertThat(unbounded.get("total").asLong()).as("no 'from': no archived day").isEqualTo(80);
      assertThat(unbounded.has("archive")).isFalse();
      JsonNode table = query(server, "/api/v1/query", "level:info | stats count() by service").json();
      assertThat(table.get("rows").toString()).contains("[\"checkout\",150]", "[\"payment\",150]");
      assertThat(Files.list(cache()).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(OLD, DAY);
    }
    try (TestServer server = server(data, Map.of(), FetchSeam.NONE)) {
      JsonNode restarted = query(server, "/api/v1/query", "*").json();

      assertThat(restarted.get("total").asLong()).isEqualTo(300);
      assertThat(restarted.get("archive").get("from_cache").asInt()).as("the cache survives the restart").isEqualTo(2);
    }
  }

  @Test
  void aDayCorruptInTheBucketIsNamedWithItsFileAndTheQueryAnswersFromTheOtherDays() throws Exception {
    try (TestServer server = server(data, Map.of(), FetchSeam.NONE)) {
      archiveTwoDays(server);
      String manifestKey = manifests(s3, DAY).get(0);
      String file = ArchiveTesting.manifest(s3, manifestKey).files().stream().map(ManifestFile::name)
          .filter(name -> !name.startsWith("segments_")).findFirst().orElseThrow();
      String key = manifestKey.replace(ArchiveManifest.NAME, file);
      try (S3Client client = s3.client()) {
        client.putObject(b -> b.bucket(S3TestServer.BUCKET).key(key), RequestBody.fromString("not lucene"));
      }

      JsonNode answer = query(server, "/api/v1/query", "*").json();

      assertThat(answer.get("total").asLong()).as("OLD and LOCAL").isEqualTo(180);
      assertThat(answer.get("archive").get("partitions_fetched").asInt()).isEqualTo(1);
      assertThat(answer.get("archive").get("failed").get(DAY).asText()).contains(key, "sha256", "the manifest says");
      assertThat(Files.list(cache()).map(p -> p.getFileName().toString())).containsExactly(OLD);
    }
  }

  @Test
  void theDiskFullWhileFetchingNamesTheDayAndTheBytesRemovesThePartialDayAndHarmsNoOther() throws Exception {
    FetchSeam diskFull = (day, file) -> {
      if (day.equals(DAY)) {
        throw new FileSystemException(file.toString(), null, "No space left on device");
      }
    };
    try (TestServer server = server(data, Map.of(), diskFull)) {
      archiveTwoDays(server);
      String from = "\"from\":\"" + OLD + "T00:00:00Z\",\"to\":\"" + OLD + "T23:59:59Z\"";
      assertThat(server.post("/api/v1/query", ("{\"q\":\"*\"," + from + "}").getBytes(StandardCharsets.UTF_8)).json()
          .get("total").asLong()).isEqualTo(100);

      TestServer.Reply full = query(server, "/api/v1/query", "*");

      assertThat(full.status()).isEqualTo(507);
      assertThat(full.body()).contains(DAY, "needs", "bytes", "ran out of space");
      try (Stream<Path> left = Files.list(cache())) {
        assertThat(left.map(p -> p.getFileName().toString())).as("no partial download, OLD kept").containsExactly(OLD);
      }
      assertThat(server.search("*", "&from=2026-11-20T00:00:00Z").get("total").asLong()).isEqualTo(80);
    }
  }

  @Test
  void aCacheTooSmallForTheDayRefusesTheQueryNamingTheDayAndTheLimit() throws Exception {
    try (TestServer server = server(data, Map.of("archive.cache_bytes", "1MiB"), FetchSeam.NONE)) {
      ingest(server, ArchiveTesting.bulkyEvents(DAY, 1500, 7), 1500);
      ingest(server, events(LOCAL, 10, "local"), 1510);
      compact(server, DAY);
      runPass(server);
      server.awaitTotal("*", 10);

      TestServer.Reply refused = query(server, "/api/v1/query", "*");

      assertThat(refused.status()).isEqualTo(507);
      assertThat(refused.body()).contains("archived day " + DAY + " needs", "archive.cache_bytes is 1048576");
      try (Stream<Path> left = Files.list(cache())) {
        assertThat(left).isEmpty();
      }
    }
  }

  @Test
  void restorePinsTheDaysUntilReleasedAndThePinsSurviveARestart() throws Exception {
    try (TestServer server = server(data, Map.of(), FetchSeam.NONE)) {
      archiveTwoDays(server);

      JsonNode restored = server.post("/api/v1/admin/archive/restore",
          ("{\"from\":\"" + DAY + "\",\"to\":\"" + LOCAL + "\"}").getBytes(StandardCharsets.UTF_8)).json();

      assertThat(restored.get("days")).extracting(JsonNode::asText).containsExactly(DAY);
      assertThat(restored.get("fetched").asInt()).isEqualTo(1);
      assertThat(restored.get("failed")).isEmpty();
      assertThat(Files.isDirectory(cache().resolve(DAY))).isTrue();
    }
    try (TestServer server = server(data, Map.of(), FetchSeam.NONE)) {
      JsonNode pinned = server.get("/api/v1/admin/archive/restore").json().get("pinned");
      assertThat(pinned).hasSize(1);
      assertThat(pinned.get(0).get("day").asText()).isEqualTo(DAY);
      assertThat(pinned.get(0).get("cached").asBoolean()).isTrue();

      JsonNode released = server.send("DELETE", "/api/v1/admin/archive/restore?from=" + DAY + "&to=" + DAY, null).json();

      assertThat(released.get("released")).extracting(JsonNode::asText).containsExactly(DAY);
      assertThat(server.get("/api/v1/admin/archive/restore").json().get("pinned")).isEmpty();
      assertThat(server.send("POST", "/api/v1/admin/archive/restore", "{\"from\":\"2026-13-01\",\"to\":\"x\"}").status())
          .isEqualTo(400);
    }
  }

  @Test
  void aFreshDataDirectoryWithTheSameBucketRestoresEveryArchivedDay(@TempDir Path fresh) throws Exception {
    try (TestServer server = server(data, Map.of(), FetchSeam.NONE)) {
      archiveTwoDays(server);
    }
    try (TestServer server = server(fresh, Map.of(), FetchSeam.NONE)) {
      JsonNode restored = server.post("/api/v1/admin/archive/restore", "{\"all\":true}".getBytes(StandardCharsets.UTF_8))
          .json();

      assertThat(restored.get("days")).extracting(JsonNode::asText).containsExactly(OLD, DAY);
      assertThat(restored.get("failed")).isEmpty();
      assertThat(server.get("/api/v1/archive/days").json().get("days")).extracting(day -> day.get("tier").asText())
          .containsExactly("archive", "archive");
      JsonNode answer = query(server, "/api/v1/query", "*").json();
      assertThat(answer.get("total").asLong()).isEqualTo(220);
      assertThat(answer.get("archive").get("from_cache").asInt()).isEqualTo(2);
    }
  }

  @Test
  void aServiceRestrictedReadKeySeesOnlyItsServiceInFetchedDays() throws Exception {
    try (TestServer server = server(data, Map.of(), FetchSeam.NONE)) {
      archiveTwoDays(server);

      JsonNode restricted = query(server, "/restricted/api/v1/query", "*").json();
      JsonNode table = query(server, "/restricted/api/v1/query", "* | stats count() by service").json();

      assertThat(restricted.get("total").asLong()).as("the checkout half of 300").isEqualTo(150);
      assertThat(restricted.get("archive").get("partitions_fetched").asInt()).isEqualTo(2);
      assertThat(table.get("rows").toString()).contains("[\"checkout\",150]").doesNotContain("payment");
    }
  }

  private static String range(String day) {
    return "{\"q\":\"*\",\"from\":\"" + day + "T00:00:00Z\",\"to\":\"" + day + "T23:59:59Z\"}";
  }

  @Test
  void aFullCacheEvictsTheLeastRecentlyUsedDayNeverAPinnedOne() throws Exception {
    String first = "2026-11-14";
    String second = "2026-11-15";
    String third = "2026-11-16";
    long largest = 0;
    try (TestServer server = server(data, Map.of(), FetchSeam.NONE)) {
      int total = 0;
      for (String day : List.of(first, second, third)) {
        total += 1000;
        ingest(server, ArchiveTesting.bulkyEvents(day, 1000, day.hashCode()), total);
        compact(server, day);
      }
      ingest(server, events(LOCAL, 10, "local"), total + 10);
      for (JsonNode day : archiveAndRemoveLocally(server, List.of(first, second, third))) {
        largest = Math.max(largest, day.get("bytes").asLong());
      }
    }
    long room = 2 * largest + 64 * 1024; // two days and their manifests, never three
    assertThat(room).as("above the 1MiB floor of archive.cache_bytes").isGreaterThan(1 << 20);
    try (TestServer server = server(data, Map.of("archive.cache_bytes", Long.toString(room)), FetchSeam.NONE)) {
      JsonNode restored = server.post("/api/v1/admin/archive/restore", ("{\"from\":\"" + first + "\",\"to\":\""
          + first + "\"}").getBytes(StandardCharsets.UTF_8)).json();
      assertThat(restored.get("fetched").asInt()).as("restore answered %s", restored).isEqualTo(1);
      assertThat(server.post("/api/v1/query", range(second).getBytes(StandardCharsets.UTF_8)).json().get("archive")
          .get("partitions_fetched").asInt()).isEqualTo(1);

      JsonNode third1 = server.post("/api/v1/query", range(third).getBytes(StandardCharsets.UTF_8)).json();

      assertThat(third1.get("total").asLong()).isEqualTo(1000);
      try (Stream<Path> left = Files.list(cache())) {
        assertThat(left.map(p -> p.getFileName().toString())).as("the unpinned day went, the pinned one stayed")
            .containsExactlyInAnyOrder(first, third);
      }
      JsonNode secondAgain = server.post("/api/v1/query", range(second).getBytes(StandardCharsets.UTF_8)).json();
      assertThat(secondAgain.get("archive").get("partitions_fetched").asInt()).as("evicted: fetched again").isEqualTo(1);
      try (Stream<Path> left = Files.list(cache())) {
        assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(first, second);
      }
    }
  }

  /**
   * Runs archive passes until every one of {@code days} is archived and gone from the local disk, and
   * returns the archive's day list. A pass leaves a day whose compaction to warm is still pending for
   * the next pass, so on a loaded machine one pass may not be enough; bounded at 60 s.
   */
  private static List<JsonNode> archiveAndRemoveLocally(TestServer server, List<String> days)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      TestServer.Reply pass = runPass(server);
      List<JsonNode> listed = new ArrayList<>();
      server.get("/api/v1/archive/days").json().get("days").forEach(listed::add);
      boolean done = days.stream().allMatch(day -> listed.stream()
          .anyMatch(d -> d.get("day").asText().equals(day) && !d.get("local").asBoolean()));
      if (done) {
        return listed;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("days " + days + " not archived and removed locally after 60 s; last pass: "
            + pass.body() + "; days: " + listed);
      }
      Thread.sleep(200);
    }
  }
}
