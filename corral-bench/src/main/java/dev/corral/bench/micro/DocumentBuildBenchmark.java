package dev.corral.bench.micro;

import dev.corral.model.EventBatch;
import dev.corral.store.StoreConfig;
import dev.corral.store.index.EventDocumentBuilder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.IndexableField;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The store's per-event step before Lucene: {@link EventDocumentBuilder} turning one canonical
 * event of a batch into its Lucene fields by the {@code FieldMapping} (keywords, numeric twins,
 * analyzed message, the source referenced in the batch bytes). Lucene's own inversion and
 * flushing are not part of it. Events of every fleet shape, decoded once in setup; one operation
 * is one document, so ops/s is documents/s per indexing thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DocumentBuildBenchmark {
  /** Distinct events cycled through (a power of two, for a mask). */
  static final int SAMPLE = 1024;

  private EventBatch batch;
  private EventDocumentBuilder builder;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    batch = FleetSample.batch(SAMPLE);
    builder = new EventDocumentBuilder(StoreConfig.DEFAULT_MAX_KEYWORD_BYTES);
  }

  /** The events the documents are built from, for tests. */
  EventBatch batch() {
    return batch;
  }

  @Benchmark
  public List<IndexableField> build() {
    return builder.document(batch, next++ & (SAMPLE - 1));
  }
}
