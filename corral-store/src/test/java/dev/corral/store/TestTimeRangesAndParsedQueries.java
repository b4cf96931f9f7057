package dev.corral.store;

import static dev.corral.store.StoreTesting.NOW;
import static dev.corral.store.StoreTesting.config;
import static dev.corral.store.StoreTesting.event;
import static dev.corral.store.StoreTesting.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.query.QueryParser;
import dev.corral.query.ast.Range;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timestamp ranges relative to the request's now, and queries as users type them. */
class TestTimeRangesAndParsedQueries {
  @TempDir static Path dir;
  static LogStore store;

  @BeforeAll
  static void index() throws Exception {
    store = LogStore.open(config(dir));
    List<LogEvent> events = List.of(
        event(NOW.minusSeconds(60), Level.ERROR, "card declined", Map.of("id", "1m", "service", "payment-gateway",
            "performance.duration_ms", 1500L, "trace_id", "t1")),
        event(NOW.minusSeconds(600), Level.WARN, "time out calling bank", Map.of("id", "10m", "service", "payment-gateway",
            "performance.duration_ms", 900L)),
        event(NOW.minusSeconds(3600), Level.ERROR, "disk full", Map.of("id", "1h", "host", "web-1")),
        event(NOW.minusSeconds(3 * 86_400), Level.INFO, "old news", Map.of("id", "3d", "host", "web-2")));
    new TestWal().appendAndSubmit(store, events);
    store.awaitIndexed();
  }

  @AfterAll
  static void close() throws IOException {
    store.close();
  }

  private static List<String> find(String query) throws IOException {
    return ids(StoreTesting.search(store, QueryParser.parse(query), 100));
  }

  @Test
  void timestampRangesReadNowRelativeBounds() throws IOException {
    assertThat(ids(StoreTesting.search(store, new Range("timestamp", "now-15m", "now", true, true), 10)))
        .containsExactly("1m", "10m");
    assertThat(ids(StoreTesting.search(store, new Range("timestamp", null, "now-1h", true, true), 10)))
        .containsExactly("1h", "3d");
    assertThat(ids(StoreTesting.search(store, new Range("timestamp", null, "now-1h", true, false), 10)))
        .containsExactly("3d");
    assertThat(ids(StoreTesting.search(store, new Range("TimeStamp", "now-2d", null, true, true), 10)))
        .containsExactly("1m", "10m", "1h");
  }

  @Test
  void aTimestampBoundThatIsNoTimeIsRejected() {
    assertThatThrownBy(() -> StoreTesting.search(store, new Range("timestamp", "yesterday-ish", null, true, true), 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yesterday-ish");
  }

  @Test
  void queriesAsUsersTypeThem() throws IOException {
    assertThat(find("level:ERROR AND timestamp:[now-15m TO now]")).containsExactly("1m");
    assertThat(find("level:(ERROR OR WARN)")).containsExactly("1m", "10m", "1h");
    assertThat(find("trace_id:* AND level:error")).containsExactly("1m");
    assertThat(find("performance.duration_ms:>1000")).containsExactly("1m");
    assertThat(find("service:payment-gateway \"card declined\"")).containsExactly("1m");
    assertThat(find("message:/time.?out/")).isEmpty(); // regex matches whole terms: "time", "out"
    assertThat(find("message:/tim.?/")).containsExactly("10m");
    assertThat(find("NOT host:web-1")).containsExactly("1m", "10m", "3d");
    assertThat(find("")).hasSize(4);
  }
}
