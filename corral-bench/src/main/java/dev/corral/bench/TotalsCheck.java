package dev.corral.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares query totals where they must agree: a peer's with Corral's, for a peer whose queries
 * are exact equivalents ({@link Peer#exactTotals}), and a peer's on its warm index with its own
 * before compaction. Only queries over all time that both sides answered count. The totals
 * compared are those of the last measured run, which used the same query text on both sides as
 * long as they ran the same number of runs.
 */
public final class TotalsCheck {
  /** Formats one difference from the expected total, the actual one and the query's name. */
  private interface Difference {
    String describe(long expected, long actual, String query);
  }

  private TotalsCheck() {}

  /** One line per query whose totals differ; empty when all agree. */
  public static List<String> differences(BenchResults corral, BenchResults peer) {
    return differences(corral.queries(), peer.queries(), (expected, actual, query) -> String.format(
        "%s answers %,d for `%s` where %s answers %,d", peer.peer(), actual, query, corral.peer(), expected));
  }

  /**
   * One line per query whose total on the warm index differs from the same peer's total before
   * compaction: compaction must neither lose nor duplicate events. Empty when all agree or the
   * peer has no warm step.
   */
  public static List<String> warmDifferences(BenchResults peer) {
    return differences(peer.queries(), peer.warmQueries(), (expected, actual, query) -> String.format(
        "%s answers %,d for `%s` once warm where it answered %,d before", peer.peer(), actual, query, expected));
  }

  private static List<String> differences(List<QueryBenchmark.Timing> expected, List<QueryBenchmark.Timing> actual,
      Difference difference) {
    List<String> differences = new ArrayList<>();
    for (int q = 0; q < Math.min(expected.size(), actual.size()); q++) {
      QueryBenchmark.Timing want = expected.get(q);
      QueryBenchmark.Timing got = actual.get(q);
      boolean bothAnswered = want.wall().samples() > 0 && got.wall().samples() > 0;
      if (bothAnswered && want.query().from() == null && want.total() != got.total()) {
        differences.add(difference.describe(want.total(), got.total(), want.query().name()));
      }
    }
    return differences;
  }
}
