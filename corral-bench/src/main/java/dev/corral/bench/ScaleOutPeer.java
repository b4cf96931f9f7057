package dev.corral.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.opensearch.node.OpenSearchLauncher;
import dev.corral.opensearch.node.OpenSearchProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Corral on the scale-out engines as a benchmark peer ({@code corral bench --via kafka --store opensearch}): fed
 * over HTTP like {@link CorralPeer} or from a Kafka topic ({@link KafkaFeed}), storing into its local Lucene store
 * or into an OpenSearch node started for it ({@code store.backend: opensearch}), and queried over Corral's API
 * either way.
 *
 * <p>Through Kafka, the dataset is produced to a fresh topic first (timed on its own, {@link #produced}), then the
 * Corral node starts with its Kafka input on that topic. Its consume rate is the durable rate of the report: the
 * events that became searchable from the first poll that saw any until the last, over that time, so the node's
 * start and its joining the consumer group stay out of it. Corral's CPU is its process's alone; OpenSearch's is
 * printed beside it. Cold queries and the mixed phase are n/a; compaction to warm is Corral's with the local store,
 * n/a with OpenSearch.
 */
final class ScaleOutPeer implements Peer {
  /** A million events through a busy machine takes minutes; an hour without all of them means it is stuck. */
  private static final Duration SEARCHABLE_TIMEOUT = Duration.ofHours(1);
  private static final long POLL_MILLIS = 100;
  private static final double NANOS_PER_SECOND = 1e9;
  /** Session timeout of the bench's consumer: irrelevant to throughput, kept short so a stop is quick. */
  private static final String CONSUMER = "kafka.client=session.timeout.ms=10000";

  private final ScaleOutMode mode;
  private final Path jar;
  private final Path data;
  private final Path log;
  private final int clients;
  private final KafkaFeed feed;
  private final OpenSearchProcess search;
  private CorralPeer corral;
  private KafkaFeed.Produced produced;
  /** Whether each query (by name) is answered; asked once, as OpenSearch refuses some with a reason. */
  private final java.util.Map<String, Boolean> answered = new java.util.HashMap<>();
  /** The reasons of the queries the store refused, for the report. */
  private final List<String> refusals = new ArrayList<>();

  private ScaleOutPeer(ScaleOutMode mode, Path jar, Path data, Path log, int clients, KafkaFeed feed,
      OpenSearchProcess search) {
    this.mode = mode;
    this.jar = jar;
    this.data = data;
    this.log = log;
    this.clients = clients;
    this.feed = feed;
    this.search = search;
  }

  /**
   * Starts what {@code mode} needs: an OpenSearch node in {@code work/opensearch} (its log in {@code results}),
   * and over HTTP the Corral server in {@code work/data}; through Kafka the server starts in {@link #ingest}.
   *
   * @param feed the broker, for a mode through Kafka (else unused, may be null)
   * @param launcher the OpenSearch node launcher, for a mode with the OpenSearch store (else may be null)
   */
  static ScaleOutPeer start(ScaleOutMode mode, Path jar, Path work, Path results, int clients, KafkaFeed feed,
      OpenSearchLauncher launcher) throws IOException, InterruptedException {
    OpenSearchProcess search = null;
    if (mode.openSearch()) {
      Path searchLog = results.resolve("opensearch-" + mode.fileName() + ".log");
      System.err.println("bench: " + mode.peerName() + ": starting an OpenSearch node, log in " + searchLog);
      search = OpenSearchProcess.start(launcher, work.resolve("opensearch"), searchLog);
    }
    ScaleOutPeer peer = new ScaleOutPeer(mode, jar, work.resolve("data"), results.resolve("server-" + mode.fileName()
        + ".log"), clients, mode.kafka() ? feed : null, search);
    if (!mode.kafka()) {
      peer.corral = CorralPeer.start(jar, peer.data, peer.log, clients, peer.settings(null), mode.peerName());
    }
    return peer;
  }

  /** The Corral server's settings: the store backend, and the Kafka input on {@code topic} when not null. */
  private List<String> settings(String topic) {
    List<String> settings = new ArrayList<>(List.of("audit.enabled=false"));
    if (search != null) {
      settings.addAll(List.of("store.backend=opensearch", "store.opensearch.urls=" + search.base()));
    }
    if (topic != null) {
      settings.addAll(List.of("kafka.bootstrap_servers=" + feed.bootstrapServers(), "kafka.topics=" + topic,
          "kafka.group_id=" + topic, CONSUMER));
    }
    return settings;
  }

  @Override
  public String name() {
    return mode.peerName();
  }

  /** What producing the dataset to the topic took; null over HTTP or before {@link #ingest}. */
  KafkaFeed.Produced produced() {
    return produced;
  }

  @Override
  public IngestFigures ingest(Dataset dataset) throws IOException, InterruptedException {
    if (!mode.kafka()) {
      return corral.ingest(dataset);
    }
    String topic = "corral-bench-" + mode.fileName() + "-" + System.currentTimeMillis();
    System.err.printf("bench: %s: producing the dataset to topic %s%n", name(), topic);
    produced = feed.produce(dataset, topic);
    System.err.printf(Locale.ROOT, "bench: %s: produced %,d events in %.1f s (%,.0f events/s, %d partitions); "
            + "starting Corral on the topic%n", name(), produced.events(), produced.seconds(),
        produced.eventsPerSecond(), produced.partitions());
    long start = System.nanoTime();
    corral = CorralPeer.start(jar, data, log, clients, settings(topic), mode.peerName());
    return awaitConsumed(dataset, start);
  }

  /** Polls the searchable count until it holds every event of the topic; the figures of that consumption. */
  private IngestFigures awaitConsumed(Dataset dataset, long startNanos) throws IOException, InterruptedException {
    long expected = produced.events();
    long deadline = System.nanoTime() + SEARCHABLE_TIMEOUT.toNanos();
    long firstNanos = -1;
    long firstSeen = 0;
    long seen = 0;
    while (System.nanoTime() < deadline) {
      seen = corral.get("/api/v1/search?limit=0&q=*").path("total").asLong(0);
      long now = System.nanoTime();
      if (seen > 0 && firstNanos < 0) {
        firstNanos = now;
        firstSeen = seen;
      }
      if (seen >= expected && pendingEvents() == 0) {
        long measured = expected - firstSeen;
        double seconds = (now - firstNanos) / NANOS_PER_SECOND;
        return new IngestFigures(measured, Math.round(dataset.meanEventBytes() * measured), seconds, expected,
            (now - startNanos) / NANOS_PER_SECOND, -1, 0);
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IOException(name() + ": only " + seen + " of " + expected + " events searchable after "
        + SEARCHABLE_TIMEOUT + "; see " + log);
  }

  private long pendingEvents() throws IOException, InterruptedException {
    JsonNode stats = corral.get("/api/v1/stats");
    return stats.path("pending_events").asLong(0);
  }

  @Override
  public QueryAnswer query(String text, String from) throws IOException, InterruptedException {
    return corral.query(text, from);
  }

  /**
   * With OpenSearch, whether Corral answers {@code query} at all: tried once; a refusal (400: a pipe that cannot be
   * pushed down past the fetch bound) makes it n/a, and its reason goes to {@link #refusals}.
   */
  @Override
  public boolean answers(BenchQuery query) {
    if (search == null) {
      return true;
    }
    return answered.computeIfAbsent(query.name(), name -> {
      try {
        corral.query(query.text(0), query.from());
        return true;
      } catch (IOException e) {
        if (!e.getMessage().contains(" answered 400")) {
          throw new java.io.UncheckedIOException(e);
        }
        String refusal = name() + ": `" + name + "` refused, n/a: " + e.getMessage();
        System.err.println("bench: " + refusal);
        refusals.add(refusal);
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while trying " + name, e);
      }
    });
  }

  /** The queries the store refused, each with Corral's reason. */
  List<String> refusals() {
    return List.copyOf(refusals);
  }

  @Override
  public boolean exactTotals() {
    return true;
  }

  /** Corral's figures; with OpenSearch, the index is the node's data directory. */
  @Override
  public Footprint footprint() throws IOException {
    Footprint own = corral.footprint();
    if (search == null) {
      return own;
    }
    System.err.printf(Locale.ROOT, "bench: %s: OpenSearch node used %.1f CPU s so far%n", name(),
        ProcessResources.cpuSeconds(search.pid()));
    return new Footprint(ProcessResources.directoryBytes(search.dataDirectory()), own.logBytes(),
        own.dataDirectoryBytes(), own.peakRssBytes(), own.cpuSeconds(), own.peakHeapAfterGcBytes());
  }

  @Override
  public long compactToWarm() throws IOException, InterruptedException {
    return search == null ? corral.compactToWarm() : -1;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      if (corral != null) {
        corral.close();
      }
    } finally {
      if (search != null) {
        search.close();
      }
    }
  }
}
