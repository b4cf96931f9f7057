package dev.corral.opensearch.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.model.CanonicalJson;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.opensearch.client.ClientSettings;
import dev.corral.opensearch.client.OpenSearchClient;
import dev.corral.opensearch.index.OpenSearchStore;
import dev.corral.opensearch.index.OpenSearchStoreConfig;
import dev.corral.opensearch.mapping.DailyIndex;
import dev.corral.opensearch.node.OpenSearchTestNode;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.store.LogStore;
import dev.corral.store.RandomEvents;
import dev.corral.store.StoreConfig;
import dev.corral.store.StoreLimits;
import dev.corral.store.TestWal;
import dev.corral.store.search.EventSearch;
import dev.corral.store.search.EventSink;
import dev.corral.store.search.ExportRequest;
import dev.corral.store.search.ExportRun;
import dev.corral.store.search.ExportSummary;
import dev.corral.store.search.QueryTimeoutException;
import dev.corral.store.search.StoredEvent;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports of the OpenSearch store ({@link OpenSearchSearch#export}, {@link PointInTimeExport}) on a real
 * node, held to the local store's export of the same events: more random events ({@link RandomEvents},
 * with timestamp ties, so pages split ties) than one search returns, over two days with a day between
 * them that has no index. Every export must hand out the local store's events, byte for byte, oldest
 * first, each once, and release its point in time however it ends; fields beyond an index's field limit
 * come back as the fields they were. Prints its seed; rerun with {@code -Dtests.seed=<seed>}.
 */
class TestOpenSearchExport {
  @RegisterExtension static final OpenSearchTestNode node = OpenSearchTestNode.shared();
  @TempDir static Path data;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "export";
  private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
  /** RandomEvents' second day: its events are left out, so its index does not exist. */
  private static final LocalDate MISSING_DAY = LocalDate.parse("2026-11-20");
  /** Small pages: a dozen of them, each ending somewhere inside a group of equal timestamps. */
  private static final int PAGE_SIZE = 997;
  private static final long FIRST = Timestamps.toNanos(RandomEvents.FIRST_DAY);
  private static final long LAST = FIRST + RandomEvents.DAYS * 86_400_000_000_000L - 1;

  static List<LogEvent> events;
  static OpenSearchStore store;
  static LogStore local;
  static OpenSearchClient client;

  @BeforeAll
  static void writeBoth() throws Exception {
    long seed = Long.getLong("tests.seed", new Random().nextLong());
    System.out.println("TestOpenSearchExport seed=" + seed + " (rerun: ./mvnw -pl corral-opensearch -am test"
        + " -Dtest=TestOpenSearchExport -Dsurefire.failIfNoSpecifiedTests=false -Dtests.seed=" + seed + ")");
    events = RandomEvents.generate(new Random(seed), 16_000, true).stream()
        .filter(e -> !DailyIndex.dayOf(e.timestamp()).equals(MISSING_DAY)).toList();
    assertThat(events.size()).as("more than one search returns").isGreaterThan(OpenSearchSearch.MAX_FETCHED_EVENTS);
    store = OpenSearchStore.open(OpenSearchStoreConfig.of(ClientSettings.of(List.of(node.url())),
        data.resolve("opensearch"), "node-a").withPrefix(PREFIX).withMaxKeywordBytes(RandomEvents.MAX_KEYWORD_BYTES));
    local = LogStore.open(new StoreConfig(data.resolve("local"), 2, 16, Duration.ofMillis(50), Duration.ofHours(1),
        Duration.ofDays(365_000), RandomEvents.MAX_KEYWORD_BYTES, position -> { }, StoreLimits.DEFAULTS,
        StoreConfig.DEFAULT_COMPACTION_MAX_BYTES_PER_SEC));
    TestWal wal = new TestWal();
    for (int i = 0; i < events.size(); i += 2_000) {
      List<LogEvent> batch = events.subList(i, Math.min(events.size(), i + 2_000));
      wal.appendAndSubmit(store, batch);
      wal.appendAndSubmit(local, batch);
    }
    store.awaitIndexed();
    local.awaitIndexed();
    client = node.client();
  }

  @AfterAll
  static void close() throws Exception {
    store.close();
    local.close();
    client.close();
  }

  private static ExportRequest request(String filter, long from, long to) {
    return new ExportRequest(QueryPlanParser.parse(filter).filter(), from, to, NOW, Duration.ofMinutes(1), PAGE_SIZE);
  }

  /** The events an export hands out, in its order, and its summary. */
  record Exported(List<StoredEvent> events, ExportSummary summary) {}

  private static Exported export(EventSearch search, ExportRequest request) throws IOException {
    List<StoredEvent> out = new ArrayList<>();
    ExportSummary summary = search.export(request)
        .run(event -> out.add(new StoredEvent(event.timestamp(), event.source().clone())));
    return new Exported(out, summary);
  }

  /** Oldest first, each once, and the same events as the local store's export, byte for byte; ties may come in another order. */
  private static void assertSameAsLocal(String what, Exported fromCluster, Exported fromLocal) throws IOException {
    List<StoredEvent> cluster = fromCluster.events();
    assertThat(cluster).as(what).extracting(StoredEvent::timestamp).isSorted()
        .containsExactlyElementsOf(fromLocal.events().stream().map(StoredEvent::timestamp).toList());
    assertThat(byId(cluster)).as(what + ": none repeated").hasSize(cluster.size()).isEqualTo(byId(fromLocal.events()));
    assertThat(cluster.stream().map(StoredEvent::sourceText).sorted().toList()).as(what + ": byte for byte")
        .isEqualTo(fromLocal.events().stream().map(StoredEvent::sourceText).sorted().toList());
    assertThat(fromCluster.summary().events()).isEqualTo(cluster.size());
    assertThat(fromCluster.summary().partitionsRead()).isEqualTo(fromLocal.summary().partitionsRead());
  }

  /** The events as JSON trees by their unique {@code id}. */
  private static Map<String, JsonNode> byId(List<StoredEvent> events) throws IOException {
    Map<String, JsonNode> byId = new HashMap<>();
    for (StoredEvent event : events) {
      JsonNode tree = JSON.readTree(event.source());
      byId.put(tree.path("id").asText(), tree);
    }
    return byId;
  }

  @Test
  void everyEventOfSeveralDaysBeyondWhatOneSearchReturnsComesOutOnceOldestFirstAsTheLocalStoreExportsIt()
      throws Exception {
    ExportRequest all = request("*", FIRST - 86_400_000_000_000L, LAST + 86_400_000_000_000L);
    Exported exported = export(store.search(), all);
    assertThat(exported.events()).hasSize(events.size());
    assertSameAsLocal("all", exported, export(local.searcher(), all));
    assertThat(exported.summary().partitionsRead()).as("the day without an index is not read")
        .containsExactly("2026-11-19", "2026-11-21");
    assertThat(openPointsInTime()).isZero();
  }

  @Test
  void aFilterAndBoundsInsideDaysExportWhatTheLocalStoreExports() throws Exception {
    long from = FIRST + 6 * 3_600_000_000_000L;
    long to = LAST - 5 * 3_600_000_000_000L;
    for (String filter : List.of("(service:pay OR host:h10) AND error AND NOT level:info", "duration:[100 TO 5000]",
        "note:* AND service:/pay.*/ AND NOT id:e3*")) {
      Exported exported = export(store.search(), request(filter, from, to));
      assertThat(exported.events()).as(filter).isNotEmpty();
      assertSameAsLocal(filter, exported, export(local.searcher(), request(filter, from, to)));
    }
  }

  @Test
  void aRangeWithoutAnIndexExportsNothingAndReadsNoDay() throws Exception {
    long missing = Timestamps.toNanos(MISSING_DAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    for (ExportRequest empty : List.of(request("*", missing, missing + 86_400_000_000_000L - 1),
        request("*", 0, FIRST - 1), request("service:nobody", FIRST, LAST))) {
      Exported exported = export(store.search(), empty);
      assertThat(exported.events()).isEmpty();
      assertThat(exported.summary().events()).isZero();
      assertThat(exported.summary().partitionsRead()).isEqualTo(export(local.searcher(), empty).summary()
          .partitionsRead());
    }
  }

  @Test
  void aFilterThatCannotRunIsRefusedBeforeTheClusterIsAskedAsTheLocalStoreRefusesIt() {
    for (String filter : List.of("service:/(unclosed/", "service:/[ac]*a[ac]{50,200}/")) {
      ExportRequest bad = request(filter, FIRST, LAST);
      Throwable cluster = org.assertj.core.api.Assertions.catchThrowable(() -> store.search().export(bad));
      Throwable lucene = org.assertj.core.api.Assertions.catchThrowable(() -> local.searcher().export(bad));
      assertThat(cluster).as(filter).isInstanceOf(IllegalArgumentException.class);
      assertThat(cluster.getMessage()).isEqualTo(lucene.getMessage());
    }
  }

  @Test
  void anExportStoppedBySinkInterruptOrTimeoutReleasesItsPointInTime() throws Exception {
    ExportRequest all = request("*", FIRST, LAST);
    int[] taken = new int[1];
    ExportRun gone = store.search().export(all);
    assertThatThrownBy(() -> gone.run(event -> {
      if (++taken[0] > 1_500) {
        throw new IOException("client gone");
      }
    })).isInstanceOf(IOException.class).hasMessage("client gone");
    assertThat(openPointsInTime()).as("the sink threw in the second page").isZero();

    EventSink interrupting = event -> Thread.currentThread().interrupt();
    assertThatThrownBy(() -> store.search().export(all).run(interrupting)).isInstanceOf(InterruptedIOException.class);
    assertThat(Thread.interrupted()).as("the interrupt stays set").isTrue();
    assertThat(openPointsInTime()).as("released although interrupted").isZero();

    ExportRequest noTime = new ExportRequest(all.filter(), FIRST, LAST, NOW, Duration.ZERO, PAGE_SIZE);
    assertThatThrownBy(() -> store.search().export(noTime).run(event -> { }))
        .isInstanceOf(QueryTimeoutException.class);
    assertThat(openPointsInTime()).isZero();
  }

  @Test
  void fieldsBeyondTheIndexFieldLimitComeBackAsTheFieldsTheyWere() throws Exception {
    List<LogEvent> wide = events.subList(0, 40);
    try (OpenSearchStore narrow = OpenSearchStore.open(OpenSearchStoreConfig.of(ClientSettings.of(List.of(node.url())),
        data.resolve("narrow"), "node-a").withPrefix("narrow-" + PREFIX).withMaxFields(4))) {
      new TestWal().appendAndSubmit(narrow, wide);
      narrow.awaitIndexed();
      Exported exported = export(narrow.search(), request("*", FIRST, LAST));
      List<StoredEvent> ingested = wide.stream().map(e -> new StoredEvent(e.timestamp(), CanonicalJson.toBytes(e)))
          .sorted(Comparator.comparingLong(StoredEvent::timestamp)).toList();
      assertThat(exported.events()).extracting(StoredEvent::timestamp)
          .containsExactlyElementsOf(ingested.stream().map(StoredEvent::timestamp).toList());
      assertThat(byId(exported.events())).isEqualTo(byId(ingested));
      assertThat(exported.events()).as("some went over the limit: put back after the others")
          .anyMatch(e -> !ingested.stream().map(StoredEvent::sourceText).toList().contains(e.sourceText()));
    }
  }

  @Test
  void aClusterThatStopsAnsweringMidExportFailsItWithAnIOExceptionAndItsPointInTimeIsStillDeleted() throws Exception {
    SearchTransport real = new ClientTransport(client);
    int[] pages = new int[1];
    SearchTransport failing = (method, path, body, timeout) -> {
      if (path.startsWith("/_search?") && ++pages[0] > 2) {
        throw new java.net.ConnectException("injected: the cluster went away after two pages");
      }
      return real.send(method, path, body, timeout);
    };
    EventSearch search = new OpenSearchSearch(failing, PREFIX, RandomEvents.MAX_KEYWORD_BYTES);
    List<StoredEvent> handed = new ArrayList<>();
    assertThatThrownBy(() -> search.export(request("*", FIRST, LAST)).run(handed::add))
        .isInstanceOf(IOException.class).hasMessageContaining("injected");
    assertThat(handed).hasSize(2 * PAGE_SIZE);
    assertThat(openPointsInTime()).isZero();
  }

  @Test
  void aClusterThatCannotSortOnShardDocFailsTheExportSayingWhichVersionItNeeds() throws Exception {
    SearchTransport real = new ClientTransport(client);
    byte[] olderCluster = ("{\"error\":{\"root_cause\":[{\"type\":\"query_shard_exception\",\"reason\":\"No mapping "
        + "found for [_shard_doc] in order to sort on\"}]},\"status\":400}").getBytes(StandardCharsets.UTF_8);
    SearchTransport before33 = (method, path, body, timeout) -> path.startsWith("/_search?")
        ? new SearchTransport.Response(400, olderCluster) : real.send(method, path, body, timeout);
    EventSearch search = new OpenSearchSearch(before33, PREFIX, RandomEvents.MAX_KEYWORD_BYTES);
    assertThatThrownBy(() -> search.export(request("*", FIRST, LAST)).run(event -> { }))
        .isInstanceOf(IOException.class).hasMessageContaining("OpenSearch 3.3 or later").hasMessageContaining("_shard_doc");
    assertThat(openPointsInTime()).isZero();
  }

  /** The node's points in time open now. */
  private static int openPointsInTime() throws Exception {
    byte[] answer = client.get("/_search/point_in_time/_all").body();
    return JSON.readTree(answer).path("pits").size();
  }
}
