package dev.corral.store.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.EventBatch;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.query.QueryParser;
import dev.corral.query.plan.QueryPlan;
import dev.corral.store.index.EventDocumentBuilder;
import dev.corral.store.index.FieldMapping;
import dev.corral.store.search.QueryLimits;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.QueryResult;
import dev.corral.store.search.QueryTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, finding 4: expanding leading wildcards into terms honours the query's deadline. The
 * deadline's clock here advances one millisecond each time the query looks at it, so "time" is
 * the number of looks: a query whose expansion never looked would finish within its budget.
 */
class TestTermEnumerationDeadline {
  private static final int DOCS = 5_000;
  /**
   * A budget of looks far above what counting {@value #DOCS} documents takes (3), far below what
   * expanding 200 leading wildcards does (about 800: one when each clause's term enumeration opens
   * and one every 16 terms it finds).
   */
  private static final Duration BUDGET = Duration.ofMillis(100);
  private static final Instant NOW = Instant.parse("2026-11-21T17:00:00Z");

  private static Directory directory;
  private static DirectoryReader reader;
  private static String manyLeadingWildcards;

  @BeforeAll
  static void index() throws IOException {
    directory = new ByteBuffersDirectory();
    Random random = new Random(12);
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < DOCS; i++) {
      byte[] id = new byte[16];
      random.nextBytes(id);
      events.add(new LogEvent(Timestamps.toNanos(NOW) - i, Level.INFO, "m",
          Fields.of(Map.of("trace_id", HexFormat.of().formatHex(id)))));
    }
    EventBatch batch = EventBatch.encode(events);
    EventDocumentBuilder documents = new EventDocumentBuilder(1024);
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(FieldMapping.analyzer()))) {
      for (int i = 0; i < DOCS; i++) {
        writer.addDocument(documents.document(batch, i));
      }
    }
    reader = DirectoryReader.open(directory);
    List<String> clauses = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      clauses.add("trace_id:*" + HexFormat.of().toHexDigits((byte) i) + "f*");
    }
    manyLeadingWildcards = String.join(" OR ", clauses);
  }

  @AfterAll
  static void close() throws IOException {
    reader.close();
    directory.close();
  }

  private static QueryResult run(String query, QueryDeadline deadline) throws IOException {
    QueryRequest request = new QueryRequest(QueryPlan.of(QueryParser.parse(query)), Long.MIN_VALUE, Long.MAX_VALUE,
        0, NOW, BUDGET, QueryLimits.DEFAULTS);
    return PlanExecutor.execute(List.of(new PartitionSnapshot("2026-11-21", reader, Long.MIN_VALUE, Long.MAX_VALUE)),
        request, deadline);
  }

  /** A clock that moves one millisecond per reading, and counts its readings. */
  private static LongSupplierCount looks() {
    return new LongSupplierCount();
  }

  private static final class LongSupplierCount implements java.util.function.LongSupplier {
    final AtomicLong readings = new AtomicLong();

    @Override
    public long getAsLong() {
      return readings.getAndIncrement() * 1_000_000L;
    }
  }

  @Test
  void aCheapQueryFinishesWithinTheBudget() throws IOException {
    LongSupplierCount clock = looks();
    QueryResult result = run("trace_id:*", QueryDeadline.after(BUDGET, clock));
    assertThat(result.total()).isEqualTo(DOCS);
    assertThat(clock.readings.get()).isLessThan(BUDGET.toMillis());
  }

  @Test
  void leadingWildcardExpansionStopsAtTheDeadline() {
    LongSupplierCount clock = looks();
    assertThatThrownBy(() -> run(manyLeadingWildcards, QueryDeadline.after(BUDGET, clock)))
        .isInstanceOf(QueryTimeoutException.class);
    // stopped at the first look past the deadline, not after the rest of the expansion
    assertThat(clock.readings.get()).isBetween(BUDGET.toMillis(), BUDGET.toMillis() + 3);
  }

  @Test
  void theSameExpansionCompletesWhenTheDeadlineAllows() throws IOException {
    LongSupplierCount clock = looks();
    QueryResult result = run(manyLeadingWildcards, QueryDeadline.after(Duration.ofDays(1), clock));
    assertThat(result.total()).isPositive().isLessThan(DOCS);
    // the expansion looked at the deadline far more often than the budget allows
    assertThat(clock.readings.get()).isGreaterThan(BUDGET.toMillis());
  }
}
