package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TotalsCheckTest {
  private static final BenchQuery ALL_TIME = new BenchQuery("phrase", List.of("\"x\""), null);
  private static final BenchQuery RECENT = new BenchQuery("recent", List.of("level:ERROR"), "now-15m");
  private static final BenchQuery UNANSWERED = new BenchQuery("stats", List.of("* | stats count()"), null);

  @Test
  void onlyAllTimeQueriesThatBothAnsweredMustAgree() {
    BenchResults corral = results("corral", answered(ALL_TIME, 8), answered(RECENT, 141), answered(UNANSWERED, 5));
    BenchResults peer = results("opensearch", answered(ALL_TIME, 7), answered(RECENT, 135),
        new QueryBenchmark.Timing(UNANSWERED, LatencySummary.NONE, LatencySummary.NONE, -1));

    assertThat(TotalsCheck.differences(corral, peer)).containsExactly("opensearch answers 7 for `phrase` where corral answers 8");
    assertThat(TotalsCheck.differences(corral, corral)).isEmpty();
  }

  @Test
  void theTotalsTableHasOneColumnPerPeerAndNaForUnanswered() {
    BenchResults corral = results("corral", answered(ALL_TIME, 1234), answered(UNANSWERED, 5));
    BenchResults peer = results("lucene", answered(ALL_TIME, 1234),
        new QueryBenchmark.Timing(UNANSWERED, LatencySummary.NONE, LatencySummary.NONE, -1));

    assertThat(MarkdownReport.totals(List.of(corral, peer))).isEqualTo("""
        | Query total (last run) | corral | lucene |
        |---|---:|---:|
        | `phrase` | 1,234 | 1,234 |
        | `stats` | 5 | n/a |
        """);
  }

  private static QueryBenchmark.Timing answered(BenchQuery query, long total) {
    LatencySummary one = LatencySummary.of(new double[] {1});
    return new QueryBenchmark.Timing(query, one, one, total);
  }

  private static BenchResults results(String peer, QueryBenchmark.Timing... timings) {
    Dataset dataset = new Dataset(List.of(Path.of("b")), 1, 1, List.of());
    return new BenchResults(peer, BenchResults.Machine.current(), dataset, new IngestFigures(1, 1, 1, 1, 1, 0, 0),
        new Footprint(1, 0, 1, -1, -1), List.of(timings), -1);
  }
}
