package dev.corral.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares a peer's query totals with Corral's where they must agree: queries over all time that
 * both answered, for a peer whose queries are exact equivalents ({@link Peer#exactTotals}). The
 * totals compared are those of the last measured run, which used the same query text on both
 * peers as long as they ran the same number of runs.
 */
public final class TotalsCheck {
  private TotalsCheck() {}

  /** One line per query whose totals differ; empty when all agree. */
  public static List<String> differences(BenchResults corral, BenchResults peer) {
    List<String> differences = new ArrayList<>();
    for (int q = 0; q < Math.min(corral.queries().size(), peer.queries().size()); q++) {
      QueryBenchmark.Timing expected = corral.queries().get(q);
      QueryBenchmark.Timing actual = peer.queries().get(q);
      boolean bothAnswered = expected.wall().samples() > 0 && actual.wall().samples() > 0;
      if (bothAnswered && expected.query().from() == null && expected.total() != actual.total()) {
        differences.add(String.format("%s answers %,d for `%s` where %s answers %,d", peer.peer(), actual.total(),
            expected.query().name(), corral.peer(), expected.total()));
      }
    }
    return differences;
  }

  /**
   * One line per all-time query whose total on the warm index differs from the same peer's total
   * before compaction: compaction must neither lose nor duplicate events. Empty when all agree or
   * the peer has no warm step.
   */
  public static List<String> warmDifferences(BenchResults peer) {
    List<String> differences = new ArrayList<>();
    for (int q = 0; q < Math.min(peer.queries().size(), peer.warmQueries().size()); q++) {
      QueryBenchmark.Timing hot = peer.queries().get(q);
      QueryBenchmark.Timing warm = peer.warmQueries().get(q);
      boolean bothAnswered = hot.wall().samples() > 0 && warm.wall().samples() > 0;
      if (bothAnswered && hot.query().from() == null && hot.total() != warm.total()) {
        differences.add(String.format("%s answers %,d for `%s` once warm where it answered %,d before", peer.peer(),
            warm.total(), hot.query().name(), hot.total()));
      }
    }
    return differences;
  }
}
