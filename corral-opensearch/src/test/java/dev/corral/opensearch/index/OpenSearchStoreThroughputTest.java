package dev.corral.opensearch.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.opensearch.client.ClientSettings;
import dev.corral.opensearch.client.OpenSearchClient;
import dev.corral.opensearch.node.OpenSearchTestNode;
import dev.corral.store.TestWal;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * On demand: how many events per second the store writes into one local node, and the CPU each
 * side spends per million events. Run with {@code ./mvnw -pl corral-opensearch -am test
 * -Dtest=OpenSearchStoreThroughputTest -Dsurefire.failIfNoSpecifiedTests=false -Dcorral.perf=true}
 * ({@code -Dcorral.perf.events=N}, default 500000).
 */
@EnabledIfSystemProperty(named = "corral.perf", matches = "true")
class OpenSearchStoreThroughputTest {
  @RegisterExtension
  static final OpenSearchTestNode node = new OpenSearchTestNode();
  /** Events per WAL record: an HTTP ingest request of a busy shipper. */
  private static final int EVENTS_PER_RECORD = 1000;

  @TempDir
  Path data;

  @Test
  void writesEventsIntoOneNode() throws Exception {
    int total = Integer.getInteger("corral.perf.events", 500_000);
    String[] services = {"checkout", "payments", "search", "auth", "inventory"};
    List<List<LogEvent>> records = new ArrayList<>();
    long start = Timestamps.toNanos(Instant.now());
    for (int r = 0; r < total / EVENTS_PER_RECORD; r++) {
      List<LogEvent> events = new ArrayList<>(EVENTS_PER_RECORD);
      for (int i = 0; i < EVENTS_PER_RECORD; i++) {
        int n = r * EVENTS_PER_RECORD + i;
        events.add(new LogEvent(start + n * 1000L, n % 50 == 0 ? Level.ERROR : Level.INFO,
            "request " + n + " served in " + (n % 997) + " ms for user u" + (n % 5000),
            Fields.of(Map.of("service", services[n % services.length], "host", "web-" + (n % 20),
                "trace_id", Long.toHexString(n * 2654435761L), "http.status_code", (long) (n % 7 == 0 ? 500 : 200),
                "http.method", n % 3 == 0 ? "POST" : "GET", "http.route", "/api/v1/items/" + (n % 100),
                "duration_ms", (double) (n % 997) / 3.0))));
      }
      records.add(events);
    }
    OpenSearchStoreConfig config = OpenSearchStoreConfig.of(ClientSettings.of(List.of(node.url())), data, "perf")
        .withPrefix("perf");
    TestWal wal = new TestWal();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (OpenSearchStore store = OpenSearchStore.open(config)) {
      double nodeCpuBefore = cpuSeconds(node.pid());
      long cpuBefore = os.getProcessCpuTime();
      long began = System.nanoTime();
      for (List<LogEvent> events : records) {
        wal.appendAndSubmit(store, events);
      }
      store.awaitIndexed();
      double seconds = (System.nanoTime() - began) / 1e9;
      double corralCpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
      double nodeCpu = cpuSeconds(node.pid()) - nodeCpuBefore;
      System.err.printf(Locale.ROOT, "opensearch store: %d events in %.1f s = %.0f events/s; CPU per million events: "
          + "corral (this JVM, encoding included) %.1f s, OpenSearch node %.1f s%n", total, seconds, total / seconds,
          corralCpu * 1e6 / total, nodeCpu * 1e6 / total);
    }
    try (OpenSearchClient client = node.client()) {
      assertThat(TestEvents.count(client, "perf-*")).isEqualTo(total);
    }
  }

  /** User plus system CPU seconds of a process, from /proc (100 ticks per second). */
  private static double cpuSeconds(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }
}
