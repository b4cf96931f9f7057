package dev.corral.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The mixed phase, "queries during ingest": a peer, started fresh on an empty data directory, ingests the
 * dataset paced at a share of the durable rate it reached alone ({@link BatchPacer} across the same
 * clients, each still waiting for its durable acknowledgement), while one more client runs the query set
 * round robin, back to back, until the last batch is acknowledged (and for at least one round after its
 * warm-ups, so that every query has a figure even when a small dataset is in before the client got going).
 * The first {@value QueryBenchmark#WARM_UPS} rounds are warm-ups, not recorded, as in the other phases:
 * the peer is a new process, and its first runs of each query measure the JIT, not the query. Both sides are reported: the ingest
 * rate achieved against the pace, and each query's latencies during ingest (kept in fixed memory,
 * {@link LatencyRecorder}, however long ingest lasts).
 *
 * <p>Order: prepare the upload (untimed) → start the query client → paced upload → stop the query client
 * after its current query → figures. A failing query fails the phase once the upload is done.
 */
public final class MixedPhase {
  private static final double NANOS_PER_SECOND = 1e9;

  private MixedPhase() {}

  /**
   * Runs the phase on {@code peer}; null when the peer has no mixed phase ({@link Peer#prepareUpload}).
   *
   * @param ratePercent the pace, percent of {@code aloneEventsPerSecond}, >= 1
   * @param aloneEventsPerSecond the durable rate the peer reached alone in this run
   * @param clients the uploader's clients: the pacer's burst, one batch in flight each
   */
  public static MixedFigures run(Peer peer, Dataset dataset, List<BenchQuery> queries, int ratePercent,
      double aloneEventsPerSecond, int clients) throws IOException, InterruptedException {
    PreparedUpload upload = peer.prepareUpload(dataset);
    if (upload == null) {
      return null;
    }
    double target = aloneEventsPerSecond * ratePercent / 100.0;
    double eventsPerBatch = upload.bodies().isEmpty() ? 1 : (double) dataset.events() / upload.bodies().size();
    BatchPacer pacer = BatchPacer.forEvents(target, eventsPerBatch, clients);
    QueryLoop loop = new QueryLoop(peer, queries);
    Thread client = Thread.ofPlatform().name("bench-mixed-queries").start(loop);
    BatchUploader.Totals totals;
    long start = System.nanoTime();
    try {
      totals = upload.uploader().upload(upload.bodies(), pacer);
    } finally {
      loop.stop();
      client.join();
    }
    double seconds = (System.nanoTime() - start) / NANOS_PER_SECOND;
    return new MixedFigures(ratePercent, aloneEventsPerSecond, totals.events(), totals.rejected(), seconds,
        loop.timings());
  }

  /**
   * The query client: each answered query in turn until stopped, at least the warm-up rounds and one
   * recorded round; its first failure ends it.
   */
  static final class QueryLoop implements Runnable {
    private final Peer peer;
    private final List<BenchQuery> queries;
    private final LatencyRecorder[] server;
    private final LatencyRecorder[] wall;
    private final long[] totals;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile Exception failure;

    QueryLoop(Peer peer, List<BenchQuery> queries) {
      this.peer = peer;
      this.queries = List.copyOf(queries);
      this.server = new LatencyRecorder[queries.size()];
      this.wall = new LatencyRecorder[queries.size()];
      this.totals = new long[queries.size()];
      for (int q = 0; q < queries.size(); q++) {
        server[q] = new LatencyRecorder();
        wall[q] = new LatencyRecorder();
        totals[q] = -1;
      }
    }

    @Override
    public void run() {
      List<Integer> indexes = new ArrayList<>();
      for (int q = 0; q < queries.size(); q++) {
        if (peer.answers(queries.get(q))) {
          indexes.add(q);
        }
      }
      if (indexes.isEmpty()) {
        return;
      }
      try {
        long warmUpRuns = (long) QueryBenchmark.WARM_UPS * indexes.size();
        for (long run = 0; running.get() || run < warmUpRuns + indexes.size(); run++) {
          int q = indexes.get((int) (run % indexes.size()));
          BenchQuery query = queries.get(q);
          QueryAnswer answer = peer.query(query.text((int) (run / indexes.size())), query.from());
          if (run >= warmUpRuns) {
            server[q].record(answer.serverMillis());
            wall[q].record(answer.wallMillis());
          }
          totals[q] = answer.total();
        }
      } catch (Exception e) {
        failure = e;
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /** Asks the loop to end after its current query. */
    void stop() {
      running.set(false);
    }

    /** One timing per query of the set; call after the loop's thread ended. */
    List<QueryBenchmark.Timing> timings() throws IOException {
      Exception e = failure;
      if (e != null) {
        throw new IOException("a query during ingest failed: " + e.getMessage(), e);
      }
      List<QueryBenchmark.Timing> timings = new ArrayList<>();
      for (int q = 0; q < queries.size(); q++) {
        timings.add(new QueryBenchmark.Timing(queries.get(q), server[q].summary(), wall[q].summary(), totals[q]));
      }
      return timings;
    }
  }
}
