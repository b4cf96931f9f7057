package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColdQueriesTest {
  @TempDir Path dir;

  /** A peer that answers instantly and records what happened, in order. */
  private static final class RecordingPeer implements Peer {
    final List<String> log = new ArrayList<>();

    @Override public String name() { return "recording"; }
    @Override public IngestFigures ingest(Dataset dataset) { throw new UnsupportedOperationException(); }
    @Override public boolean answers(BenchQuery query) { return !query.name().startsWith("stats"); }
    @Override public QueryAnswer query(String text, String from) {
      log.add("query " + text);
      return new QueryAnswer(2, 3, 7);
    }
    @Override public Footprint footprint() { throw new UnsupportedOperationException(); }
    @Override public long compactToWarm() { return -1; }
    @Override public void close() {}
  }

  @Test
  void everyColdRunComesRightAfterACacheDropAndUnansweredQueriesAreNa() throws Exception {
    RecordingPeer peer = new RecordingPeer();
    List<BenchQuery> queries = List.of(new BenchQuery("phrase", List.of("\"a\""), null),
        new BenchQuery("stats", List.of("* | stats count()"), null));

    List<QueryBenchmark.Timing> cold = QueryBenchmark.runCold(peer, queries, 2, () -> peer.log.add("drop"));

    assertThat(peer.log).containsExactly("drop", "query \"a\"", "drop", "query \"a\"");
    assertThat(cold.get(0).wall().samples()).isEqualTo(2);
    assertThat(cold.get(0).total()).isEqualTo(7);
    assertThat(cold.get(1).wall().samples()).isZero();
  }

  @Test
  void whenTheCacheCannotBeDroppedNoQueryRunsAndAllAreNa() throws Exception {
    RecordingPeer peer = new RecordingPeer();
    List<BenchQuery> queries = List.of(new BenchQuery("phrase", List.of("\"a\""), null));

    List<QueryBenchmark.Timing> cold = QueryBenchmark.runCold(peer, queries, 3, () -> false);

    assertThat(peer.log).isEmpty();
    assertThat(cold).hasSize(1);
    assertThat(cold.get(0).wall().samples()).isZero();
  }

  @Test
  void pageCacheWritesOneToTheControlFileOrSaysItCannot() throws Exception {
    Path control = Files.createFile(dir.resolve("drop_caches"));
    assertThat(new PageCache(control).drop()).isTrue();
    assertThat(Files.readString(control)).isEqualTo("1");

    assertThat(new PageCache(dir.resolve("no-such-dir").resolve("drop_caches")).drop()).isFalse();
  }
}
