package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.CorralServer;
import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mixed phase against a real Corral server in this JVM: the id-heavy dataset ingested through the
 * paced uploader with durable acknowledgements while the standard queries run round robin over HTTP.
 * Counts and order only, no timing.
 */
class MixedPhaseTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EVENTS = 3_000;
  private static final int BATCH = 100;

  @TempDir
  Path tmp;

  @Test
  void ingestsEveryEventWhileEachAnsweredQueryRunsInTurnAndTheOthersAreNa() throws Exception {
    Dataset dataset = DatasetGenerator.simulateIds(5, Instant.now(), EVENTS, BATCH, tmp.resolve("batches"));
    List<BenchQuery> queries = BenchQuery.standard(dataset.traceIds());
    try (ServerPeer peer = new ServerPeer(tmp.resolve("data"))) {
      MixedFigures mixed = MixedPhase.run(peer, dataset, queries, 50, 6_000, 2);

      assertThat(mixed.events()).isEqualTo(EVENTS);
      assertThat(mixed.rejected()).isZero();
      assertThat(mixed.targetEventsPerSecond()).isEqualTo(3_000);
      assertThat(mixed.queries()).extracting(t -> t.query().name())
          .containsExactlyElementsOf(queries.stream().map(BenchQuery::name).toList());
      List<Integer> runs = IntStream.range(0, queries.size()).filter(q -> peer.answers(queries.get(q)))
          .mapToObj(q -> mixed.queries().get(q).wall().samples()).toList();
      assertThat(runs).hasSize(queries.size() - 1).allSatisfy(r -> assertThat(r).isPositive());
      assertThat(runs.stream().mapToInt(Integer::intValue).max().orElseThrow() - mixed.runsPerQuery()).isBetween(0, 1);
      assertThat(mixed.queries().get(queries.size() - 2).wall()).isEqualTo(LatencySummary.NONE);
      assertThat(peer.searchable(EVENTS)).isEqualTo(EVENTS);
    }
  }

  @Test
  void aPeerWithoutIngestOverHttpHasNoMixedPhase() throws Exception {
    Dataset dataset = DatasetGenerator.simulateIds(5, Instant.now(), 10, BATCH, tmp.resolve("batches"));
    assertThat(MixedPhase.run(new GrepPeer(tmp.resolve("grep")), dataset, BenchQuery.standard(List.of()), 80, 1_000, 2))
        .isNull();
  }

  /** A Corral server in this JVM as a peer; it does not answer the regex query, to show n/a. */
  private static final class ServerPeer implements Peer {
    private final CorralServer server;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    ServerPeer(Path data) throws IOException {
      server = CorralServer.start(ServerConfig.from(ConfigLoader.load(null, Map.of(), Map.of("http.port", "0",
          "data.dir", data.toString(), "otlp.grpc_port", "-1", "syslog.udp_port", "-1", "syslog.tcp_port", "-1",
          "gelf.udp_port", "-1", "gelf.tcp_port", "-1", "fluent.port", "-1", "storage.min_free_bytes", "0"))));
      base = URI.create("http://127.0.0.1:" + server.port());
    }

    @Override public String name() { return "corral-in-process"; }
    @Override public IngestFigures ingest(Dataset dataset) { throw new UnsupportedOperationException(); }
    @Override public Footprint footprint() { throw new UnsupportedOperationException(); }
    @Override public boolean answers(BenchQuery query) { return !query.name().startsWith("regex"); }

    @Override
    public PreparedUpload prepareUpload(Dataset dataset) {
      return new PreparedUpload(new BatchUploader(base, 2, null), dataset.batches());
    }

    @Override
    public QueryAnswer query(String text, String from) throws IOException, InterruptedException {
      String uri = "/api/v1/search?limit=100&q=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
          + (from == null ? "" : "&from=" + URLEncoder.encode(from, StandardCharsets.UTF_8));
      long start = System.nanoTime();
      JsonNode body = get(uri);
      return new QueryAnswer(body.path("took_ms").asDouble(-1), (System.nanoTime() - start) / 1e6,
          body.path("total").asLong());
    }

    /** Events searchable once the refresh after indexing made all {@code expected} visible, or a minute passed. */
    long searchable(long expected) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + 60_000_000_000L;
      long total = get("/api/v1/search?limit=0&q=*").path("total").asLong();
      while (total < expected && System.nanoTime() < deadline) {
        Thread.sleep(50);
        total = get("/api/v1/search?limit=0&q=*").path("total").asLong();
      }
      return total;
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
