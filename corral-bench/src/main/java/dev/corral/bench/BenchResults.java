package dev.corral.bench;

import java.util.List;

/**
 * Everything one benchmark run measured for one peer, plus what it ran on.
 *
 * @param peer peer name
 * @param machine processors, JVM and OS of the benchmarking machine
 * @param dataset the data that was loaded
 * @param ingest ingest rates and the time to searchable
 * @param footprint disk and process figures after ingest
 * @param queries query latencies
 * @param warmIndexBytes bytes on disk after {@link Peer#compactToWarm()}, or -1 when the peer has no such step
 * @param warmQueries the same queries timed again after {@link Peer#compactToWarm()}; empty when
 *     the peer has no such step
 * @param coldQueries the same queries on the hot index, each run after the page cache was dropped
 *     ({@link QueryBenchmark#runCold}); n/a timings when it could not be
 * @param alerting what the alert rules cost ({@code --alert-rules}, {@code --seed-rules}, {@code --alert-soak});
 *     null for a peer or a run without them
 * @param mixed ingest and queries at once ({@link MixedPhase}); null for a peer or a run without that phase
 */
public record BenchResults(String peer, Machine machine, Dataset dataset, IngestFigures ingest, Footprint footprint,
    List<QueryBenchmark.Timing> queries, long warmIndexBytes, List<QueryBenchmark.Timing> warmQueries,
    List<QueryBenchmark.Timing> coldQueries, AlertFigures alerting, MixedFigures mixed) {
  public BenchResults {
    queries = List.copyOf(queries);
    coldQueries = List.copyOf(coldQueries);
    warmQueries = List.copyOf(warmQueries);
  }

  /** Results without a mixed phase (it runs after every peer's own phases, see {@link #withMixed}). */
  public BenchResults(String peer, Machine machine, Dataset dataset, IngestFigures ingest, Footprint footprint,
      List<QueryBenchmark.Timing> queries, long warmIndexBytes, List<QueryBenchmark.Timing> warmQueries,
      List<QueryBenchmark.Timing> coldQueries, AlertFigures alerting) {
    this(peer, machine, dataset, ingest, footprint, queries, warmIndexBytes, warmQueries, coldQueries, alerting, null);
  }

  /** These results with the figures of the peer's mixed phase. */
  public BenchResults withMixed(MixedFigures figures) {
    return new BenchResults(peer, machine, dataset, ingest, footprint, queries, warmIndexBytes, warmQueries,
        coldQueries, alerting, figures);
  }

  /** The mixed phase's query timings, or none. */
  public List<QueryBenchmark.Timing> mixedQueries() {
    return mixed == null ? List.of() : mixed.queries();
  }

  /** The machine the run happened on. */
  public record Machine(int processors, String jvm, String os) {
    public static Machine current() {
      return new Machine(Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vm.name") + " " + Runtime.version(),
          System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }
  }
}
