package dev.corral.bench;

import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.store.RewriteToWarmMergePolicy;
import dev.corral.store.codec.WarmCodec;
import dev.corral.store.StoreConfig;
import dev.corral.store.index.EventDocumentBuilder;
import dev.corral.store.index.FieldMapping;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * The upper bound of Corral's design: a raw Lucene {@link IndexWriter} in this JVM, fed by Corral's
 * own {@link EventDecoder} and {@link EventDocumentBuilder}, with no HTTP, no WAL and no day
 * partitions. Same writer idea as the store's hot tier (no index sort, fast codec, {@value #RAM_BUFFER_MB} MB
 * RAM buffer) on {@value #THREADS} threads. Ingest ends with one commit. Answers only the trace-id
 * lookup and level:ERROR in the last 15 minutes; the rest would mean re-implementing Corral's query engine.
 */
public final class LucenePeer implements Peer {
  /** Same RAM buffer as the store's default, so flush sizes match. */
  static final int RAM_BUFFER_MB = 64;
  /** Two indexing threads: the machine the benchmark targets has two cores. */
  static final int THREADS = 2;
  /** Events fetched per query, as for Corral: a page a UI would show, stored sources included. */
  private static final int RESULT_LIMIT = 100;
  private static final double NANOS_PER_SECOND = 1e9;
  private static final double NANOS_PER_MILLI = 1e6;
  private static final long NANOS_PER_MILLISECOND = 1_000_000L;

  private final Path directory;
  private FSDirectory index;
  private DirectoryReader reader;
  private IndexSearcher searcher;
  private double ingestCpuSeconds = -1;

  public LucenePeer(Path directory) {
    this.directory = directory;
  }

  @Override
  public String name() {
    return "lucene";
  }

  @Override
  public IngestFigures ingest(Dataset dataset) throws IOException, InterruptedException {
    index = FSDirectory.open(Files.createDirectories(directory));
    IndexWriterConfig config = new IndexWriterConfig(FieldMapping.analyzer());
    config.setRAMBufferSizeMB(RAM_BUFFER_MB);
    config.setCodec(new Lucene104Codec(Lucene104Codec.Mode.BEST_SPEED));
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    AtomicLong rejected = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (IndexWriter writer = new IndexWriter(index, config)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(pool.submit(() -> {
          index(writer, dataset.batches(), next, rejected);
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      writer.commit();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("indexing failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdown();
    }
    double seconds = (System.nanoTime() - start) / NANOS_PER_SECOND;
    ingestCpuSeconds = (processCpuNanos() - cpuStart) / NANOS_PER_SECOND;
    reader = DirectoryReader.open(index);
    searcher = new IndexSearcher(reader);
    return new IngestFigures(dataset.events(), dataset.rawBytes(), seconds, dataset.events(), seconds, 0,
        rejected.get());
  }

  @Override
  public boolean exactTotals() {
    return true;
  }

  @Override
  public boolean answers(BenchQuery query) {
    return lucene(query.text(0), query.from()) != null;
  }

  /** Runs the query as the Lucene query Corral would build: term queries, a point range for the time bound. */
  @Override
  public QueryAnswer query(String text, String from) throws IOException {
    Query query = lucene(text, from);
    if (query == null) {
      throw new IllegalArgumentException("lucene peer has no equivalent of " + text);
    }
    long start = System.nanoTime();
    TopDocs top = searcher.search(query, RESULT_LIMIT);
    var stored = searcher.storedFields();
    for (ScoreDoc hit : top.scoreDocs) {
      stored.document(hit.doc).getBinaryValue(FieldMapping.SOURCE);
    }
    long total = searcher.count(query);
    double millis = (System.nanoTime() - start) / NANOS_PER_MILLI;
    return new QueryAnswer(millis, millis, total);
  }

  @Override
  public Footprint footprint() throws IOException {
    long index = ProcessResources.directoryBytes(directory);
    return new Footprint(index, 0, index, -1, ingestCpuSeconds, -1);
  }

  /** Like Corral's warm tier: every segment rewritten into one in the warm codec. */
  @Override
  public long compactToWarm() throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(FieldMapping.analyzer());
    config.setCodec(new WarmCodec());
    config.setMergePolicy(new RewriteToWarmMergePolicy());
    try (IndexWriter writer = new IndexWriter(index, config)) {
      writer.forceMerge(1);
      writer.commit();
    }
    return ProcessResources.directoryBytes(directory);
  }

  /** Closes the reader (unmapping its files), drops the page cache, and opens a new reader. */
  @Override
  public boolean restartCold(PageCache cache) throws IOException, InterruptedException {
    reader.close();
    boolean dropped = cache.drop();
    reader = DirectoryReader.open(index);
    searcher = new IndexSearcher(reader);
    return dropped;
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
    if (index != null) {
      index.close();
    }
  }

  /** The Lucene query for a Corral query text, or null when this peer does not answer it. */
  private static Query lucene(String text, String from) {
    if (text.startsWith("trace_id:\"") && from == null) {
      String id = text.substring("trace_id:\"".length(), text.length() - 1);
      return new TermQuery(new Term(FieldMapping.keyword("trace_id"), id));
    }
    if (text.equals("level:ERROR")) {
      Query level = new TermQuery(new Term(FieldMapping.LEVEL, "ERROR"));
      if (from == null) {
        return level;
      }
      long since = Instant.now().minus(GrepCommands.lookBack(from)).toEpochMilli() * NANOS_PER_MILLISECOND;
      return new BooleanQuery.Builder().add(level, BooleanClause.Occur.FILTER)
          .add(LongPoint.newRangeQuery(FieldMapping.TIMESTAMP, since, Long.MAX_VALUE), BooleanClause.Occur.FILTER)
          .build();
    }
    return null;
  }

  /** Decodes and indexes batches taken from {@code next} until none are left; one builder per thread. */
  private static void index(IndexWriter writer, List<Path> batches, AtomicInteger next, AtomicLong rejected)
      throws IOException {
    EventDecoder decoder = EventDecoder.defaults();
    EventDocumentBuilder builder = new EventDocumentBuilder(StoreConfig.DEFAULT_MAX_KEYWORD_BYTES);
    for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
      byte[] bytes = Files.readAllBytes(batches.get(b));
      List<LogEvent> events = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          try {
            events.add(decoder.decode(bytes, start, i - start, System.nanoTime()));
          } catch (InvalidEventException e) {
            rejected.incrementAndGet();
          }
          start = i + 1;
        }
      }
      EventBatch batch = EventBatch.encode(events);
      for (int i = 0; i < batch.size(); i++) {
        writer.addDocument(builder.document(batch, i));
      }
    }
  }

  private static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean bean ? bean.getProcessCpuTime() : -1;
  }
}
