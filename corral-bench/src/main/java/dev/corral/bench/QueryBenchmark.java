package dev.corral.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Times each query of a set on a peer: warm-up runs first (discarded), then measured runs. */
public final class QueryBenchmark {
  /** Runs discarded per query: enough to load the touched index files into the page cache and JIT the path. */
  public static final int WARM_UPS = 3;

  /**
   * Latencies of one query.
   *
   * @param query what ran
   * @param server percentiles of the server-reported time
   * @param wall percentiles of the client-measured time
   * @param total matching events or rows of the last run
   */
  public record Timing(BenchQuery query, LatencySummary server, LatencySummary wall, long total) {}

  private QueryBenchmark() {}

  /** Runs every query the peer answers {@code WARM_UPS + runs} times, one at a time. */
  public static List<Timing> run(Peer peer, List<BenchQuery> queries, int runs) throws IOException, InterruptedException {
    if (runs < 1) {
      throw new IllegalArgumentException("runs (" + runs + ") must be >= 1");
    }
    List<Timing> timings = new ArrayList<>();
    for (BenchQuery query : queries) {
      if (!peer.answers(query)) {
        timings.add(unanswered(query));
        continue;
      }
      for (int i = 0; i < WARM_UPS; i++) {
        peer.query(query.text(i), query.from());
      }
      timings.add(timed(peer, query, WARM_UPS, runs, () -> true));
    }
    return timings;
  }

  /** Empties the caches between cold runs; false when it cannot. */
  @FunctionalInterface
  public interface CacheDropper {
    boolean drop() throws IOException, InterruptedException;
  }

  /**
   * Runs every query the peer answers {@code runs} times, each right after {@code caches} emptied
   * the caches ({@link Peer#restartCold}) and without warm-ups: what a query costs when its index
   * is on disk only. All timings are n/a when the caches cannot be emptied.
   */
  public static List<Timing> runCold(Peer peer, List<BenchQuery> queries, int runs, CacheDropper caches)
      throws IOException, InterruptedException {
    List<Timing> timings = new ArrayList<>();
    for (BenchQuery query : queries) {
      if (runs < 1 || !peer.answers(query)) {
        timings.add(unanswered(query));
        continue;
      }
      Timing timing = timed(peer, query, 0, runs, caches);
      if (timing == null) {
        return queries.stream().map(QueryBenchmark::unanswered).toList();
      }
      timings.add(timing);
    }
    return timings;
  }

  /**
   * {@code runs} measured runs of {@code query}, run {@code i} with text {@code first + i}, each
   * after {@code beforeRun}; null when {@code beforeRun} says it could not prepare a run.
   */
  private static Timing timed(Peer peer, BenchQuery query, int first, int runs, CacheDropper beforeRun)
      throws IOException, InterruptedException {
    double[] server = new double[runs];
    double[] wall = new double[runs];
    long total = 0;
    for (int i = 0; i < runs; i++) {
      if (!beforeRun.drop()) {
        return null;
      }
      QueryAnswer answer = peer.query(query.text(first + i), query.from());
      server[i] = answer.serverMillis();
      wall[i] = answer.wallMillis();
      total = answer.total();
    }
    return new Timing(query, LatencySummary.of(server), LatencySummary.of(wall), total);
  }

  private static Timing unanswered(BenchQuery query) {
    return new Timing(query, LatencySummary.NONE, LatencySummary.NONE, -1);
  }
}
