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
  void compactionToWarmMustKeepEveryAllTimeTotalOfThePeer() {
    List<QueryBenchmark.Timing> hot = List.of(answered(ALL_TIME, 8), answered(RECENT, 141));
    BenchResults lost = withWarm("corral", hot, List.of(answered(ALL_TIME, 6), answered(RECENT, 120)));
    BenchResults kept = withWarm("corral", hot, List.of(answered(ALL_TIME, 8), answered(RECENT, 120)));

    assertThat(TotalsCheck.warmDifferences(lost)).containsExactly("corral answers 6 for `phrase` once warm where it answered 8 before");
    assertThat(TotalsCheck.warmDifferences(kept)).as("a relative window may move between the runs").isEmpty();
    assertThat(TotalsCheck.warmDifferences(results("grep", hot.toArray(QueryBenchmark.Timing[]::new)))).isEmpty();
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
    return withWarm(peer, List.of(timings), List.of());
  }

  private static BenchResults withWarm(String peer, List<QueryBenchmark.Timing> hot, List<QueryBenchmark.Timing> warm) {
    Dataset dataset = new Dataset("fleet", List.of(Path.of("b")), 1, 1, List.of());
    return new BenchResults(peer, BenchResults.Machine.current(), dataset, new IngestFigures(1, 1, 1, 1, 1, 0, 0),
        new Footprint(1, 0, 1, -1, -1, -1), hot, warm.isEmpty() ? -1 : 1, warm, List.of(), null);
  }
}
