package dev.corral.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.opensearch.node.OpenSearchLauncher;
import dev.corral.opensearch.node.OpenSearchProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real OpenSearch node as a benchmark peer ({@link OpenSearchProcess}, same JDK and heap as
 * Corral's server). Ingest: the dataset's events, normalized by Corral's decoder beforehand
 * ({@link CanonicalBulkBodies}), go through {@code POST /corral-bench-events/_bulk} from the same
 * number of clients and in the same batches as Corral's, into one index made by the template
 * {@code opensearch-template.json} (1 shard, 0 replicas, refresh every 1 s, translog fsynced
 * before each acknowledgement). Per-document failures of a bulk request are counted as rejected.
 * Searchable means {@code GET _count} reports every accepted event, polled without forcing a
 * refresh. Queries: {@link OpenSearchQueries}, with the shard request cache off (the index does not
 * change while queries run, so every repeated aggregation would otherwise be a cache hit; Corral
 * computes each answer). Footprint: translog before, index after a {@code _flush}. Warm: best
 * compression, force-merged to one segment ({@link #compactToWarm}).
 */
public final class OpenSearchPeer implements Peer {
  /** The one index the events go to; the template's pattern matches it. */
  public static final String INDEX = "corral-bench-events";
  private static final String TEMPLATE = "corral-bench";
  private static final String TEMPLATE_RESOURCE = "opensearch-template.json";
  /** Same limit as Corral's peer: an hour without all events searchable means it is stuck. */
  private static final Duration INDEXED_TIMEOUT = Duration.ofHours(1);
  private static final long POLL_MILLIS = 100;
  private static final double NANOS_PER_MILLI = 1e6;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenSearchProcess node;
  private final Path bodies;
  private final int clients;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicReference<String> firstRejection = new AtomicReference<>();

  private OpenSearchPeer(OpenSearchProcess node, Path bodies, int clients) {
    this.node = node;
    this.bodies = bodies;
    this.clients = clients;
  }

  /**
   * Starts a node with its files under {@code home}, its console output in {@code log}.
   *
   * @param bodies directory for the {@code _bulk} bodies written before ingest
   */
  public static OpenSearchPeer start(OpenSearchLauncher launcher, Path home, Path bodies, Path log, int clients)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    OpenSearchProcess node = OpenSearchProcess.start(launcher, home, log);
    ProcessResources.printStart("OpenSearch node (port " + node.httpPort() + ")", node.pid(),
        Duration.ofNanos(System.nanoTime() - start));
    return new OpenSearchPeer(node, bodies, clients);
  }

  @Override
  public String name() {
    return "opensearch";
  }

  @Override
  public IngestFigures ingest(Dataset dataset) throws IOException, InterruptedException {
    CanonicalBulkBodies.Bodies prepared = writeBodies(dataset);
    createIndex();
    WarmedUpload upload = WarmedUpload.run(uploader(), prepared.bodies(), this::awaitSearchable);
    IngestFigures figures = upload.figures(
        rawBytes(dataset.batches().subList(upload.warmUpBatches(), dataset.batches().size())), prepared.undecodable());
    if (figures.rejected() > 0) {
      System.err.println("bench: opensearch: " + figures.rejected() + " events rejected; the first: "
          + (firstRejection.get() != null ? firstRejection.get() : "a line Corral's decoder refused"));
    }
    return figures;
  }

  /** The {@code _bulk} bodies and the index, as {@link #ingest} makes them before its clock starts. */
  @Override
  public PreparedUpload prepareUpload(Dataset dataset) throws IOException, InterruptedException {
    CanonicalBulkBodies.Bodies prepared = writeBodies(dataset);
    createIndex();
    return new PreparedUpload(uploader(), prepared.bodies());
  }

  private CanonicalBulkBodies.Bodies writeBodies(Dataset dataset) throws IOException {
    CanonicalBulkBodies.Bodies prepared = CanonicalBulkBodies.write(dataset, bodies);
    System.err.printf("bench: opensearch: %,d events normalized into %d _bulk bodies of %,d bytes (not timed)%n",
        prepared.events(), prepared.bodies().size(), prepared.bytes());
    return prepared;
  }

  private BatchUploader uploader() {
    return new BatchUploader(node.base().resolve("/" + INDEX + "/_bulk"), "application/x-ndjson",
        body -> countItems(body, firstRejection), clients);
  }

  @Override
  public boolean exactTotals() {
    return true;
  }

  @Override
  public boolean answers(BenchQuery query) {
    return OpenSearchQueries.body(query.text(0), query.from()) != null;
  }

  @Override
  public QueryAnswer query(String text, String from) throws IOException, InterruptedException {
    ObjectNode body = OpenSearchQueries.body(text, from);
    if (body == null) {
      throw new IllegalArgumentException("opensearch peer has no equivalent of " + text);
    }
    long start = System.nanoTime();
    JsonNode answer = send("POST", "/" + INDEX + "/_search?request_cache=false", JSON.writeValueAsString(body));
    double wall = (System.nanoTime() - start) / NANOS_PER_MILLI;
    return new QueryAnswer(answer.path("took").asDouble(-1), wall, answer.path("hits").path("total").path("value").asLong(-1));
  }

  /**
   * Reads the translog's size as ingest left it (a snapshot, as Corral's WAL is), then flushes (a
   * Lucene commit) and reads the index's store size, the data directory, RSS and CPU.
   */
  @Override
  public Footprint footprint() throws IOException {
    try {
      String stats = "/" + INDEX + "/_stats/store,translog";
      long translog = send("GET", stats, null).path("_all").path("primaries").path("translog").path("size_in_bytes").asLong(-1);
      send("POST", "/" + INDEX + "/_flush", null);
      long store = send("GET", stats, null).path("_all").path("primaries").path("store").path("size_in_bytes").asLong(-1);
      return new Footprint(store, translog, ProcessResources.directoryBytes(node.dataDirectory()),
          ProcessResources.peakRssBytes(node.pid()), ProcessResources.cpuSeconds(node.pid()),
          GcLog.peakHeapAfterGcBytes(node.gcLog()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading OpenSearch's footprint", e);
    }
  }

  /**
   * OpenSearch's way to store data that no longer changes, the equivalent of Corral's warm tier
   * (and of an ISM warm phase): close the index, switch it to the {@code best_compression} codec,
   * reopen it and force-merge it to one segment, which rewrites every document with that codec.
   * Like ISM, it cannot recompress an index that is already one segment (a force merge leaves it
   * as it is); a benchmark-sized index always has many. Returns the store size after a refresh has
   * let go of the segments merged away.
   */
  @Override
  public long compactToWarm() throws IOException, InterruptedException {
    long before = segmentCount();
    send("POST", "/" + INDEX + "/_close", null);
    send("PUT", "/" + INDEX + "/_settings", "{\"index.codec\":\"best_compression\"}");
    send("POST", "/" + INDEX + "/_open", null);
    send("GET", "/_cluster/health/" + INDEX + "?wait_for_status=green&timeout=60s", null);
    send("POST", "/" + INDEX + "/_forcemerge?max_num_segments=1", null);
    send("POST", "/" + INDEX + "/_refresh", null); // releases the reader that still holds the merged-away segments
    System.err.printf("bench: opensearch: %d segments force-merged into %d with best_compression%n", before,
        segmentCount());
    return send("GET", "/" + INDEX + "/_stats/store", null).path("_all").path("primaries").path("store")
        .path("size_in_bytes").asLong(-1);
  }

  /** Segments the index's searcher sees now ({@code _segments}, the one shard's {@code num_search_segments}). */
  long segmentCount() throws IOException, InterruptedException {
    JsonNode shards = send("GET", "/" + INDEX + "/_segments", null).path("indices").path(INDEX).path("shards").path("0");
    return shards.path(0).path("num_search_segments").asLong(-1);
  }

  @Override
  public void close() throws InterruptedException {
    node.close();
  }

  /**
   * Counts a {@code _bulk} answer's items: status 2xx accepted, anything else rejected; the first
   * rejection's status, error type and reason go to {@code firstRejection} unless it holds one.
   */
  static BatchUploader.Counts countItems(String body, AtomicReference<String> firstRejection) throws IOException {
    JsonNode answer = JSON.readTree(body);
    JsonNode items = answer.path("items");
    if (!items.isArray()) {
      throw new IOException("_bulk answer without items: " + abbreviate(body));
    }
    if (!answer.path("errors").asBoolean(true)) {
      return new BatchUploader.Counts(items.size(), 0);
    }
    long accepted = 0;
    long rejected = 0;
    for (JsonNode item : items) {
      JsonNode result = item.elements().hasNext() ? item.elements().next() : item;
      int status = result.path("status").asInt();
      if (status >= 200 && status < 300) {
        accepted++;
      } else {
        rejected++;
        JsonNode error = result.path("error");
        firstRejection.compareAndSet(null, status + " " + error.path("type").asText() + ": " + error.path("reason").asText());
      }
    }
    return new BatchUploader.Counts(accepted, rejected);
  }

  private void createIndex() throws IOException, InterruptedException {
    send("PUT", "/_index_template/" + TEMPLATE, template());
    send("PUT", "/" + INDEX, null);
    send("GET", "/_cluster/health/" + INDEX + "?wait_for_status=green&timeout=60s", null);
  }

  private void awaitSearchable(long expected) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + INDEXED_TIMEOUT.toNanos();
    long seen = -1;
    while (System.nanoTime() < deadline) {
      seen = send("GET", "/" + INDEX + "/_count", null).path("count").asLong(-1);
      if (seen >= expected) {
        return;
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IOException("only " + seen + " of " + expected + " events searchable in OpenSearch after " + INDEXED_TIMEOUT);
  }

  /** Sends a request with an optional JSON body; any status but 200 is an error quoting the answer. */
  private JsonNode send(String method, String pathAndQuery, String json) throws IOException, InterruptedException {
    URI uri = node.base().resolve(pathAndQuery);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(method + " " + uri + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
    }
    return JSON.readTree(response.body());
  }

  private static String template() {
    try (InputStream in = OpenSearchPeer.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("BUG: resource " + TEMPLATE_RESOURCE + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long rawBytes(List<Path> batches) throws IOException {
    long bytes = 0;
    for (Path batch : batches) {
      bytes += Files.size(batch);
    }
    return bytes;
  }

  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "…";
  }
}
