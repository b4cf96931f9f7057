package dev.corral.bench;

import java.util.ArrayList;
import java.util.List;

/** Made-up but plausible {@link BenchResults} for report and chart tests. */
final class BenchResultsFixture {
  static final Dataset DATASET = new Dataset("fleet", List.of(), 200_000, 121_795_707, List.of("abc"));
  static final BenchResults.Machine MACHINE = new BenchResults.Machine(2, "OpenJDK 25", "Linux amd64");

  private BenchResultsFixture() {}

  /**
   * A peer's results: ingest rate, index and WAL bytes per raw byte (the warm index a quarter of
   * the hot one), and the p99 of the first three standard queries; NaN for a figure the peer lacks.
   */
  static BenchResults results(String peer, double eventsPerSecond, double indexPerRawByte,
      double walPerRawByte, double p99First, double p99Second, double p99Third) {
    long measured = 190_000;
    IngestFigures ingest = new IngestFigures(measured, 110_000_000, measured / eventsPerSecond, DATASET.events(),
        DATASET.events() / eventsPerSecond * 1.3, 0.5, 0);
    long raw = DATASET.rawBytes();
    long index = Double.isNaN(indexPerRawByte) ? -1 : (long) (indexPerRawByte * raw);
    long wal = (long) (walPerRawByte * raw);
    Footprint footprint = new Footprint(index, wal, Math.max(index, 0) + wal, 1L << 30, 20.5, 300L << 20);
    List<BenchQuery> queries = BenchQuery.standard(DATASET.traceIds()).subList(0, 3);
    double[] p99 = {p99First, p99Second, p99Third};
    List<QueryBenchmark.Timing> timings = new ArrayList<>();
    for (int q = 0; q < 3; q++) {
      LatencySummary wall = Double.isNaN(p99[q]) ? LatencySummary.NONE : new LatencySummary(p99[q] / 2, p99[q], 20);
      timings.add(new QueryBenchmark.Timing(queries.get(q), wall, wall, 7));
    }
    long warm = Double.isNaN(indexPerRawByte) ? -1 : (long) (indexPerRawByte * raw / 4);
    return new BenchResults(peer, MACHINE, DATASET, ingest, footprint, timings, warm, warm < 0 ? List.of() : timings, timings, null);
  }
}
