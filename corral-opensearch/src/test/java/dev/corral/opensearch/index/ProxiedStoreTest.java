package dev.corral.opensearch.index;

import static dev.corral.opensearch.index.TestEvents.await;
import static dev.corral.opensearch.index.TestEvents.count;
import static dev.corral.opensearch.index.TestEvents.numbered;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.corral.opensearch.client.OpenSearchClient;
import dev.corral.opensearch.mapping.DailyIndex;
import dev.corral.opensearch.node.NginxTlsProxy;
import dev.corral.opensearch.node.OpenSearchTestNode;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.store.TestWal;
import dev.corral.store.search.QueryLimits;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.QueryResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The OpenSearch store on a cluster behind a TLS-terminating, authenticating reverse proxy (a real
 * nginx before the real test node), as it is configured in production: an https URL, a user and
 * password, the CA file. Writing (WAL to {@code _bulk}), searching, and setting up the template and
 * the lifecycle all go through the proxy; a wrong password stops the writing with an error that says
 * so, in the store's status and its log, and never shows the password.
 */
class ProxiedStoreTest {
  @RegisterExtension static final OpenSearchTestNode node = OpenSearchTestNode.shared();
  @RegisterExtension static final NginxTlsProxy proxy = new NginxTlsProxy(node);
  private static final Instant NOW = Instant.now();

  @TempDir Path data;

  @Test
  void eventsGoThroughTheProxyAndAreSearchableAndTheTemplateAndLifecycleAreSetUp() throws Exception {
    OpenSearchStoreConfig config = OpenSearchStoreConfig.of(proxy.settings(), data, "node-a").withPrefix("proxied")
        .withBulkLimits(25, 1 << 20).withLifecycle(Duration.ofDays(1), Duration.ofDays(3));
    Instant longAgo = NOW.minus(10, ChronoUnit.DAYS);
    TestWal wal = new TestWal();
    try (OpenSearchStore store = OpenSearchStore.open(config)) {
      wal.appendAndSubmit(store, numbered(longAgo, "old", 0, 5));
      for (int r = 0; r < 4; r++) {
        wal.appendAndSubmit(store, numbered(NOW, r % 2 == 0 ? "checkout" : "payment", r * 25, 25));
      }
      store.awaitIndexed();
      assertThat(store.failure()).isEmpty();
      assertThat(store.checkpoint()).isEqualTo(wal.end());
      assertThat(store.clusterAppliesLifecycle()).as("asked through the proxy: the runner has no ISM").contains(false);

      QueryResult table = store.search().query(request("* | stats count() by service | sort service"));
      assertThat(table.table().rows()).containsExactly(List.of("checkout", 50L), List.of("old", 5L), List.of("payment", 50L));
      QueryResult events = store.search().query(request("service:payment AND seq:30"));
      assertThat(events.total()).isEqualTo(1);
      assertThat(events.events().get(0).sourceText()).contains("event 30");

      OpenSearchClient client = store.client();
      assertThat(client.get("/_index_template/proxied").requireSuccess().json().path("index_templates")).hasSize(1);
      LifecyclePass.Outcome outcome = new LifecyclePass(client, config).run(NOW);
      assertThat(outcome.deleted()).containsExactly(DailyIndex.of("proxied", TestEvents.event(longAgo, "", Map.of())
          .timestamp()));
      assertThat(count(client, "proxied-*")).isEqualTo(100);
    }
    assertThat(proxy.accessLog()).as("nginx passed the bulk requests, the searches and the set-up")
        .anyMatch(line -> line.contains(" " + NginxTlsProxy.USERNAME + " ") && line.contains("\"POST /_bulk HTTP/1.1\" 200"))
        .anyMatch(line -> line.contains("/_search") && line.contains("HTTP/1.1\" 200"))
        .anyMatch(line -> line.contains("\"PUT /_index_template/proxied HTTP/1.1\" 200"));
  }

  @Test
  void aWrongPasswordStopsWritingWithAnAuthenticationErrorThatNeverShowsThePassword() throws Exception {
    String wrong = "wr0ng-" + NginxTlsProxy.PASSWORD;
    OpenSearchStoreConfig config = OpenSearchStoreConfig.of(proxy.settings().withCredentials(NginxTlsProxy.USERNAME,
        wrong), data, "node-a").withPrefix("refused");
    Logger corral = (Logger) LoggerFactory.getLogger("dev.corral");
    Level level = corral.getLevel();
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    corral.addAppender(log);
    corral.setLevel(Level.DEBUG);
    try (OpenSearchStore store = OpenSearchStore.open(config)) {
      new TestWal().appendAndSubmit(store, numbered(NOW, "refused", 0, 3));
      await(() -> store.failure().isPresent());
      assertThat(store.failure().get().getMessage()).contains(proxy.url().toString()).contains("401")
          .contains("authentication failed").contains("store.opensearch.password").doesNotContain(wrong);
      assertThat(store.pendingEvents()).isEqualTo(3);
      assertThat(store.checkpoint()).isZero();
    } finally {
      corral.detachAppender(log);
      corral.setLevel(level);
    }
    List<ILoggingEvent> logged = List.copyOf(log.list);
    assertThat(logged).as("the store says once that it stopped writing, and why")
        .anyMatch(event -> event.getLevel() == Level.WARN && String.valueOf(event.getKeyValuePairs()).contains("401"));
    assertThat(logged).allSatisfy(event -> assertThat(event.getFormattedMessage() + event.getKeyValuePairs()
        + event.getThrowableProxy()).doesNotContain(wrong).doesNotContain(NginxTlsProxy.PASSWORD));
  }

  private static QueryRequest request(String query) {
    return new QueryRequest(QueryPlanParser.parse(query), Long.MIN_VALUE, Long.MAX_VALUE, 100, NOW, Duration.ofMinutes(1),
        QueryLimits.DEFAULTS);
  }
}
