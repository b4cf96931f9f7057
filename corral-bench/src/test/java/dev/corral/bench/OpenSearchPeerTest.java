package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.LogEvent;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.query.eval.EvaluationContext;
import dev.corral.query.eval.PlanEvaluator;
import dev.corral.query.plan.QueryPlanParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real OpenSearch node started through the launcher of module corral-bench-opensearch (a child
 * JVM), loaded with a small simulated dataset plus events whose field types change, then asked
 * every benchmark query. Totals are checked against Corral's reference semantics: the in-memory
 * {@link PlanEvaluator} over the same events as Corral's decoder normalizes them.
 */
class OpenSearchPeerTest {
  private static final int EVENTS = 3_000;
  private static final int BATCH = 500;

  @TempDir
  static Path tmp;

  private static OpenSearchPeer peer;
  private static Dataset dataset;
  private static IngestFigures ingest;
  private static List<LogEvent> events;

  @BeforeAll
  static void startNodeAndIngest() throws Exception {
    Dataset simulated = DatasetGenerator.simulate(3, Instant.now(), EVENTS, BATCH, tmp.resolve("batches"));
    dataset = withTypeChanges(simulated, tmp.resolve("type-changes.ndjson"));
    peer = OpenSearchPeer.start(OpenSearchTestNode.launcher(), tmp.resolve("home"), tmp.resolve("bulk"),
        tmp.resolve("opensearch.log"), 2);
    ingest = peer.ingest(dataset);
    events = decode(dataset);
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (peer != null) {
      peer.close();
    }
  }

  @Test
  void scalarTypeChangesAreAcceptedAndOnlyTheObjectScalarConflictIsRejected() {
    assertThat(ingest.totalEvents()).isEqualTo(dataset.events() - 1);
    assertThat(ingest.rejected()).isEqualTo(1);
    assertThat(ingest.measuredBytes()).isPositive();
    assertThat(ingest.ackToSearchableSeconds()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void answersEveryBenchmarkQueryWithCorralsTotals() throws Exception {
    List<LogEvent> accepted = events.stream().filter(e -> !"conflict".equals(e.fields().get("attrs.inner.kind"))).toList();
    for (BenchQuery query : BenchQuery.standard(dataset.traceIds())) {
      assertThat(peer.answers(query)).as(query.name()).isTrue();
      for (String text : query.texts()) {
        Instant before = Instant.now();
        QueryAnswer answer = peer.query(text, query.from());
        Instant after = Instant.now();
        assertThat(answer.serverMillis()).as(text).isGreaterThanOrEqualTo(0);
        assertThat(answer.wallMillis()).as(text).isPositive();
        String filter = text.contains("|") ? text.substring(0, text.indexOf('|')) : text;
        if (query.from() == null) {
          assertThat(answer.total()).as(text).isEqualTo(reference(accepted, filter, null));
        } else {
          // OpenSearch's "now" lies between before and after: the total lies between the two windows'.
          Instant earliest = before.minus(GrepCommands.lookBack(query.from())).minusMillis(1);
          Instant latest = after.minus(GrepCommands.lookBack(query.from())).plusMillis(1);
          assertThat(answer.total()).as(text).isBetween(reference(accepted, filter, latest), reference(accepted, filter, earliest));
        }
      }
    }
  }

  @Test
  void footprintReadsTheNodesStoreTranslogAndProcess() throws IOException {
    Footprint footprint = peer.footprint();

    assertThat(footprint.indexBytes()).isPositive();
    assertThat(footprint.logBytes()).isGreaterThanOrEqualTo(0);
    assertThat(footprint.dataDirectoryBytes()).isGreaterThanOrEqualTo(footprint.indexBytes());
    assertThat(footprint.peakRssBytes()).isPositive();
    assertThat(footprint.cpuSeconds()).isPositive();
  }

  @Test
  void compactingToWarmLeavesOneSegmentAndEveryEvent() throws Exception {
    long hot = peer.footprint().indexBytes();
    long segments = peer.segmentCount();
    long warm = peer.compactToWarm();

    assertThat(peer.segmentCount()).isEqualTo(1);
    if (segments > 1) {
      assertThat(warm).as("%d segments rewritten with best_compression", segments).isPositive().isLessThan(hot);
    } else {
      assertThat(warm).as("one segment is left as it was").isEqualTo(hot);
    }
    assertThat(peer.query("* | stats count() by service, level", null).total()).isEqualTo(ingest.totalEvents());
  }

  private static long reference(List<LogEvent> events, String filter, Instant from) {
    EvaluationContext context = EvaluationContext.of(Instant.now()).withRange(from, null);
    return PlanEvaluator.evaluate(QueryPlanParser.parse(filter), events, context).total();
  }

  /**
   * Adds a batch whose events change field types: a number then text, a boolean then text, text
   * then a number (all must be accepted), and one event where a text field gets sub-fields, which
   * OpenSearch's object mapping cannot hold (the one rejection expected).
   */
  private static Dataset withTypeChanges(Dataset simulated, Path file) throws IOException {
    String at = Instant.now().minusSeconds(7200).toString();
    List<String> lines = List.of(
        "{\"timestamp\":\"" + at + "\",\"level\":\"INFO\",\"service\":\"types\",\"message\":\"m1\","
            + "\"context\":{\"amount\":12.5},\"flag\":true,\"code\":\"abc\",\"attrs\":\"plain\"}",
        "{\"timestamp\":\"" + at + "\",\"level\":\"INFO\",\"service\":\"types\",\"message\":\"m2\","
            + "\"context\":{\"amount\":\"twelve\"},\"flag\":\"maybe\",\"code\":42}",
        "{\"timestamp\":\"" + at + "\",\"level\":\"WARN\",\"service\":\"types\",\"message\":\"m3\","
            + "\"context\":{\"amount\":7},\"flag\":false,\"code\":\"x-1\"}",
        "{\"timestamp\":\"" + at + "\",\"level\":\"WARN\",\"service\":\"types\",\"message\":\"m4\","
            + "\"attrs\":{\"inner\":{\"kind\":\"conflict\"}}}");
    Files.write(file, lines, StandardCharsets.UTF_8);
    List<Path> batches = new ArrayList<>(simulated.batches());
    batches.add(file);
    return new Dataset("fleet", batches, simulated.events() + lines.size(), simulated.rawBytes() + Files.size(file),
        simulated.traceIds());
  }

  private static List<LogEvent> decode(Dataset dataset) throws Exception {
    EventDecoder decoder = EventDecoder.defaults();
    List<LogEvent> decoded = new ArrayList<>();
    for (Path batch : dataset.batches()) {
      for (String line : Files.readAllLines(batch, StandardCharsets.UTF_8)) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        decoded.add(decoder.decode(bytes, 0, bytes.length, 0));
      }
    }
    return decoded;
  }
}
