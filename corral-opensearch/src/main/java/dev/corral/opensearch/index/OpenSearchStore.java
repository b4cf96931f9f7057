package dev.corral.opensearch.index;

import dev.corral.opensearch.mapping.DailyIndex;
import dev.corral.opensearch.query.ClientTransport;
import dev.corral.opensearch.query.OpenSearchSearch;
import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import dev.corral.opensearch.client.OpenSearchClient;
import dev.corral.store.CheckpointFile;
import dev.corral.store.EventStore;
import dev.corral.store.StoreException;
import dev.corral.store.WalReplay;
import dev.corral.store.search.EventSearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenSearch cluster as Corral's store: the WAL's essential consumer ({@link EventStore}) that
 * writes every event of every durable record with {@code _bulk} into its daily index, under the
 * deterministic {@code _id} of {@link DocumentIds}, so a replay overwrites.
 *
 * <p>How it works:
 * <ol>
 *   <li>{@link #submit} queues the record and returns ({@link RecordQueue}: bounded in memory; past
 *       the bound records are read again from the WAL). The backlog is {@link #pendingEvents()},
 *       which the server's admission control refuses ingest on (429) when the cluster falls behind
 *       or is down; the WAL holds every acknowledged record meanwhile.
 *   <li>One writer thread ({@value #WRITER_THREAD}) first installs the index template and the
 *       lifecycle (ISM policy, or Corral's own pass when the cluster has no ISM) and learns the
 *       fields the indices already map, retrying until the cluster answers; then it takes the oldest
 *       records up to the bulk limits ({@value #CONCURRENT_BULKS} requests' worth), turns each event into a document (fields past the index's
 *       field limit under {@code overflow}), and sends them, requests in parallel, with {@link BulkWriter} until every
 *       document, or its dead letter, is acknowledged.
 *   <li>Only then does the checkpoint move past those records; it is written to
 *       {@code <directory>/checkpoint} (atomic rename) at most every {@value #CHECKPOINT_INTERVAL_MILLIS}
 *       ms and on close, so a restart replays at most that much again, overwriting.
 *   <li>While the cluster is unreachable or refuses the requests, {@link #failure()} says why
 *       (naming the URLs); the writer retries with backoff and resumes by itself; {@link #submit}
 *       keeps queueing (the queue's bound and admission control keep it finite).
 * </ol>
 * Thread-safe.
 */
public final class OpenSearchStore implements EventStore {
  private static final Logger log = LoggerFactory.getLogger(OpenSearchStore.class);
  static final String WRITER_THREAD = "corral-opensearch-writer";
  /** How stale the checkpoint file may be: a restart sends at most this much again (overwrites). */
  static final long CHECKPOINT_INTERVAL_MILLIS = 1_000;
  /** How often Corral applies the lifecycle itself on a cluster without ISM: warm_after is hours or days. */
  static final Duration LIFECYCLE_INTERVAL = Duration.ofMinutes(5);
  /** The template's refresh interval: how long after acknowledgement a document is searchable without a refresh. */
  static final Duration REFRESH_INTERVAL = Duration.ofSeconds(1);
  /** How often a waiter looks at the store's state again. */
  private static final long WAIT_SLICE_MILLIS = 100;
  /**
   * Bulk requests in flight at once: one waits on the network while another is indexed; a shard
   * indexes concurrent requests on several write threads. More only queue in the node's write pool.
   */
  static final int CONCURRENT_BULKS = 4;
  /** Indices named in one {@code _refresh}; more are refreshed through the pattern. */
  private static final int MAX_REFRESH_NAMES = 20;

  private final OpenSearchStoreConfig config;
  private final OpenSearchClient client;
  private final CheckpointFile checkpointFile;
  private final RecordQueue queue;
  private final ClusterFailure failure = new ClusterFailure();
  private final FieldBudget budget;
  private final BulkWriter writer;
  private final Thread writerThread;
  /** Where the {@link #CONCURRENT_BULKS} requests of one round wait for their answers. */
  private final ExecutorService bulkThreads = Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("corral-opensearch-bulk-", 0).factory());
  private final EventSearch search;
  /** Indices written since the last {@link #awaitIndexed} refresh. */
  private final Set<String> written = ConcurrentHashMap.newKeySet();
  private volatile WalReplay replay;
  private volatile Boolean clusterHasIsm;
  private volatile ScheduledExecutorService lifecycle;
  private long checkpointWrittenAt;
  private long checkpointWritten;

  private OpenSearchStore(OpenSearchStoreConfig config, OpenSearchClient client, long checkpoint, EventSearch search) {
    this.config = config;
    this.client = client;
    this.checkpointFile = new CheckpointFile(config.directory());
    this.checkpointWritten = checkpoint;
    this.queue = new RecordQueue(checkpoint, config.maxQueuedEvents());
    this.budget = new FieldBudget(config.maxFields());
    this.writer = new BulkWriter(client, failure, queue::isClosed);
    this.search = search;
    this.writerThread = Thread.ofPlatform().name(WRITER_THREAD).daemon().unstarted(this::runWriter);
  }

  /**
   * Opens the store: reads the checkpoint and starts the writer thread, which reaches the cluster
   * by itself (the cluster may be down at start; {@link #failure()} then says so).
   *
   * @throws IOException when the checkpoint cannot be read or the CA file is unusable
   */
  public static OpenSearchStore open(OpenSearchStoreConfig config) throws IOException {
    Files.createDirectories(config.directory());
    long checkpoint = new CheckpointFile(config.directory()).read();
    OpenSearchClient client = new OpenSearchClient(config.client());
    OpenSearchStore store = new OpenSearchStore(config, client, checkpoint,
        new OpenSearchSearch(new ClientTransport(client), config.indexPrefix(), config.maxKeywordBytes()));
    store.writerThread.start();
    return store;
  }

  @Override
  public long checkpoint() {
    return queue.acked();
  }

  @Override
  public void submit(long position, long nextPosition, EventBatch batch) {
    if (!queue.submit(position, nextPosition, batch)) {
      throw new UncheckedIOException(new StoreException("OpenSearch store is closed"));
    }
  }

  @Override
  public void recoverWith(WalReplay walReplay) {
    this.replay = walReplay;
  }

  @Override
  public void awaitIndexed() throws InterruptedException, IOException {
    awaitAcknowledged();
    refreshWritten();
  }

  @Override
  public void awaitReadable() throws InterruptedException, IOException {
    awaitAcknowledged();
    Thread.sleep(REFRESH_INTERVAL.toMillis());
  }

  @Override
  public long pendingEvents() {
    return queue.pendingEvents();
  }

  @Override
  public long indexingLagNanos() {
    return queue.oldestWaitNanos();
  }

  @Override
  public Optional<StoreException> failure() {
    return failure.current();
  }

  @Override
  public EventSearch search() {
    return search;
  }

  /**
   * What the store reports for stats: where it writes, who applies the lifecycle, how far it is.
   *
   * @param urls the cluster's URLs
   * @param indexPattern the daily indices, {@code <prefix>-*}
   * @param lifecycle {@code ism} (the cluster's plugin), {@code corral} (Corral's own pass) or
   *     {@code unknown} (the cluster has not answered yet)
   * @param checkpoint the WAL position below which every record is acknowledged
   * @param pendingEvents events submitted and not yet acknowledged
   * @param documents documents the cluster acknowledged since start, dead letters included
   * @param deadLetters documents the cluster rejected since start, stored as dead letters instead
   * @param failure why the store does not write now, or null
   */
  public record Status(List<URI> urls, String indexPattern, String lifecycle, long checkpoint, long pendingEvents,
      long documents, long deadLetters, String failure) {
    public Status {
      urls = List.copyOf(urls);
    }
  }

  /** The store's state now. */
  public Status status() {
    Boolean ism = clusterHasIsm;
    return new Status(config.client().urls(), config.indexPattern(), ism == null ? "unknown" : ism ? "ism" : "corral",
        queue.acked(), queue.pendingEvents(), writer.acknowledged(), writer.deadLetters(),
        failure.current().map(Throwable::getMessage).orElse(null));
  }

  /**
   * The server's {@code store} stats entry: {@code backend}, {@code urls}, {@code index_pattern},
   * {@code lifecycle}, {@code checkpoint}, {@code documents} and {@code dead_letters_written} of {@link #status()}.
   */
  @Override
  public Map<String, Object> stats() {
    Status status = status();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("backend", "opensearch");
    json.put("urls", status.urls().stream().map(URI::toString).toList());
    json.put("index_pattern", status.indexPattern());
    json.put("lifecycle", status.lifecycle());
    json.put("checkpoint", status.checkpoint());
    json.put("documents", status.documents());
    json.put("dead_letters_written", status.deadLetters());
    return json;
  }

  /** Whether the cluster applies the lifecycle (ISM); empty until the writer has reached the cluster once. */
  public Optional<Boolean> clusterAppliesLifecycle() {
    return Optional.ofNullable(clusterHasIsm);
  }

  /** The client this store writes with (the read side shares it). */
  public OpenSearchClient client() {
    return client;
  }

  @Override
  public void close() throws IOException {
    queue.close();
    writerThread.interrupt();
    try {
      writerThread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    bulkThreads.shutdownNow();
    ScheduledExecutorService pass = lifecycle;
    if (pass != null) {
      pass.shutdownNow();
    }
    try {
      writeCheckpoint(true);
    } finally {
      client.close();
    }
  }

  /** Blocks until every record submitted before the call is acknowledged. */
  private void awaitAcknowledged() throws InterruptedException, StoreException {
    long target = queue.lastNextPosition();
    while (!queue.awaitAcked(target, WAIT_SLICE_MILLIS)) {
      if (queue.isClosed()) {
        throw new StoreException("OpenSearch store closed before position " + target + " was written");
      }
      Optional<StoreException> failed = failure.current();
      if (failed.isPresent()) {
        throw failed.get();
      }
    }
  }

  private void refreshWritten() throws IOException, InterruptedException {
    List<String> indices = new ArrayList<>(written);
    if (indices.isEmpty()) {
      return;
    }
    written.removeAll(indices);
    String target = indices.size() > MAX_REFRESH_NAMES ? config.indexPattern() : String.join(",", indices);
    client.send("POST", "/" + target + "/_refresh?ignore_unavailable=true", (JsonNode) null).requireSuccess();
  }

  private void runWriter() {
    try {
      prepare();
      while (!queue.isClosed()) {
        List<RecordQueue.Queued> records = queue.next(config.bulkMaxDocs() * CONCURRENT_BULKS,
            config.bulkMaxBytes() * CONCURRENT_BULKS);
        if (!records.isEmpty()) {
          if (!write(records)) {
            return;
          }
          queue.complete(records);
          writeCheckpoint(false);
        } else if (queue.gapFrom() >= 0) {
          readGapFromWal(queue.gapFrom());
        }
      }
    } catch (InterruptedException closing) {
      // close() interrupts: unacknowledged records stay in the WAL, replayed from the checkpoint
    } catch (RuntimeException e) {
      failure.fail("the writer stopped: " + e);
      log.atError().setCause(e).log("OpenSearch store writer stopped; restart replays from the checkpoint");
    }
  }

  /** Template, lifecycle and the fields mapped so far, retried until the cluster answers or the store closes. */
  private void prepare() throws InterruptedException {
    long backoff = BulkWriter.FIRST_BACKOFF_MILLIS;
    while (!queue.isClosed()) {
      try {
        IndexTemplate.install(client, config);
        boolean ism = IndexLifecycle.clusterHasIsm(client);
        if (ism) {
          LifecyclePolicy.install(client, config);
        } else {
          startLifecyclePass();
        }
        clusterHasIsm = ism;
        budget.learn(client.get("/" + config.indexPattern() + "/_mapping?ignore_unavailable=true&allow_no_indices=true")
            .requireSuccess().json());
        failure.clear();
        log.atInfo().addKeyValue("urls", config.client().urls()).addKeyValue("template", IndexTemplate.name(config))
            .addKeyValue("lifecycle", ism ? "ism" : "corral").log("OpenSearch store ready");
        return;
      } catch (IOException e) {
        failure.fail("cannot prepare the cluster: " + e.getMessage());
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, BulkWriter.MAX_BACKOFF_MILLIS);
      }
    }
  }

  private void startLifecyclePass() {
    if (lifecycle != null) {
      return;
    }
    LifecyclePass pass = new LifecyclePass(client, config);
    lifecycle = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("corral-opensearch-lifecycle").daemon().factory());
    lifecycle.scheduleWithFixedDelay(() -> {
      try {
        pass.run(Instant.now());
      } catch (IOException e) {
        log.atWarn().addKeyValue("error", e.getMessage()).log("OpenSearch lifecycle pass failed; the next one retries");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, 0, LIFECYCLE_INTERVAL.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * Writes every event of {@code records}, in requests within the bulk limits, up to {@value
   * #CONCURRENT_BULKS} at once; false when the store closed first.
   */
  private boolean write(List<RecordQueue.Queued> records) throws InterruptedException {
    List<List<BulkItem>> chunks = new ArrayList<>();
    List<BulkItem> chunk = new ArrayList<>();
    long chunkBytes = 0;
    for (RecordQueue.Queued record : records) {
      String[] ids = DocumentIds.of(config.nodeId(), record.position(), record.batch());
      for (int i = 0; i < ids.length; i++) {
        BulkItem item = item(record.batch(), i, ids[i]);
        int bytes = BulkBody.bytes(item);
        if (!chunk.isEmpty() && (chunk.size() >= config.bulkMaxDocs() || chunkBytes + bytes > config.bulkMaxBytes())) {
          chunks.add(chunk);
          chunk = new ArrayList<>();
          chunkBytes = 0;
        }
        chunk.add(item);
        chunkBytes += bytes;
      }
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    if (chunks.size() == 1) {
      return writer.write(chunks.get(0));
    }
    List<Callable<Boolean>> requests = new ArrayList<>();
    for (List<BulkItem> items : chunks) {
      requests.add(() -> writer.write(items));
    }
    boolean all = true;
    for (Future<Boolean> done : bulkThreads.invokeAll(requests)) {
      try {
        all &= done.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("BUG: a bulk request failed unexpectedly: " + e.getCause(), e.getCause());
      }
    }
    return all;
  }

  private BulkItem item(EventBatch batch, int i, String id) {
    LogEvent event = batch.events().get(i);
    String index = DailyIndex.of(config.indexPrefix(), event.timestamp());
    written.add(index);
    return new BulkItem(index, id, DocumentSource.of(batch, i, budget.overflowing(index, event)), batch, i, false);
  }

  /**
   * Writes the records held only in the WAL (past the queue's bound) by reading them again from
   * {@code from}; without a WAL to read, says so and waits for one.
   */
  private void readGapFromWal(long from) throws InterruptedException {
    WalReplay source = replay;
    if (source == null) {
      failure.fail("backlog over " + config.maxQueuedEvents() + " events and no WAL to read it again from; records from "
          + "position " + from + " wait for a restart, which replays them");
      Thread.sleep(BulkWriter.MAX_BACKOFF_MILLIS);
      return;
    }
    long[] reached = {from};
    long[] pendingDocs = {0};
    List<RecordQueue.Queued> pending = new ArrayList<>();
    try {
      source.replay(from, (position, nextPosition, batch) -> {
        pending.add(new RecordQueue.Queued(position, nextPosition, batch, System.nanoTime()));
        pendingDocs[0] += batch.size();
        if (pendingDocs[0] >= config.bulkMaxDocs()) {
          reached[0] = writeReplayed(pending);
          pendingDocs[0] = 0;
        }
      });
      reached[0] = Math.max(reached[0], writeReplayed(pending));
      queue.replayEnded(reached[0]);
    } catch (IOException e) {
      failure.fail("cannot read the WAL again from position " + from + ": " + e.getMessage());
      Thread.sleep(BulkWriter.MAX_BACKOFF_MILLIS);
    }
  }

  /** Writes replayed records and empties {@code pending}; returns where the last one ended (0 for none). */
  private long writeReplayed(List<RecordQueue.Queued> pending) throws IOException {
    if (pending.isEmpty()) {
      return 0;
    }
    try {
      if (!write(pending)) {
        throw new IOException("OpenSearch store closing");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("OpenSearch store closing", e);
    }
    long end = 0;
    for (RecordQueue.Queued record : pending) {
      queue.replayed(record.nextPosition(), record.batch().size());
      end = record.nextPosition();
    }
    pending.clear();
    writeCheckpoint(false);
    return end;
  }

  /** Writes the checkpoint file when it moved and the last write is old enough (or {@code now}). */
  private synchronized void writeCheckpoint(boolean now) {
    long acked = queue.acked();
    long millis = System.nanoTime() / 1_000_000;
    if (acked == checkpointWritten || !now && millis - checkpointWrittenAt < CHECKPOINT_INTERVAL_MILLIS) {
      return;
    }
    try {
      checkpointFile.write(acked);
      checkpointWritten = acked;
      checkpointWrittenAt = millis;
    } catch (IOException e) {
      failure.fail("cannot write the checkpoint in " + config.directory() + ": " + e.getMessage());
    }
  }
}
