package dev.corral.bench;

import dev.corral.opensearch.node.ChildJvm;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Renders {@link BenchResults} as the Markdown table of docs/benchmarks.md: one row per figure, one
 * column per peer, the first peer (Corral) first; every other peer gets a "first / peer" ratio
 * column next to it. Figures a peer does not have (NaN or negative) show as n/a.
 */
public final class MarkdownReport {
  private static final double MILLION = 1_000_000.0;
  private static final double MIB = 1024.0 * 1024.0;
  private static final String NA = "n/a";

  private MarkdownReport() {}

  public static String render(List<BenchResults> results) {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("no results to render");
    }
    BenchResults first = results.get(0);
    Dataset d = first.dataset();
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT,
        "Dataset: %s, %,d events, %.1f MiB NDJSON (%.0f B per event), %d batches. Machine: %d cores, %s, %s.%n%n",
        d.name(), d.events(), d.rawBytes() / MIB, d.meanEventBytes(), d.batches().size(), first.machine().processors(),
        first.machine().jvm(),
        first.machine().os()));
    md.append("| Figure | ").append(first.peer()).append(" |");
    StringBuilder rule = new StringBuilder("|---|---:|");
    for (BenchResults peer : results.subList(1, results.size())) {
      md.append(' ').append(peer.peer()).append(" | ").append(first.peer()).append(" / ").append(peer.peer()).append(" |");
      rule.append("---:|---:|");
    }
    md.append('\n').append(rule).append('\n');
    row(md, results, "Durable ingest, events/s (after 5% warm-up)", "%,.0f", r -> r.ingest().durableEventsPerSecond());
    row(md, results, "Durable ingest, MiB/s raw NDJSON", "%.1f", r -> r.ingest().durableMegabytesPerSecond());
    row(md, results, "Fully indexed, events/s (first send → all searchable)", "%,.0f",
        r -> r.ingest().indexedEventsPerSecond());
    row(md, results, "Last ack → all searchable, s", "%.1f", r -> r.ingest().ackToSearchableSeconds());
    row(md, results, "Rejected events", "%,.0f", r -> r.ingest().rejected());
    row(md, results, "Index on disk, MiB", "%.1f", r -> r.footprint().indexBytes() / MIB);
    row(md, results, "WAL (OpenSearch: translog) on disk, MiB", "%.1f", r -> r.footprint().logBytes() / MIB);
    row(md, results, "Data directory on disk, MiB (du)", "%.1f", r -> r.footprint().dataDirectoryBytes() / MIB);
    row(md, results, "Index bytes per raw byte (hot)", "%.2f", r -> (double) r.footprint().indexBytes() / d.rawBytes());
    row(md, results, "Index bytes per raw byte (warm)", "%.2f",
        r -> r.warmIndexBytes() < 0 ? Double.NaN : (double) r.warmIndexBytes() / d.rawBytes());
    row(md, results, "Index + WAL bytes per raw byte", "%.2f",
        r -> (double) (r.footprint().indexBytes() + r.footprint().logBytes()) / d.rawBytes());
    row(md, results, "Server peak RSS, MiB", "%.0f", r -> r.footprint().peakRssBytes() / MIB);
    row(md, results, "Server heap after GC, peak MiB (of " + ChildJvm.HEAP + ")", "%.0f",
        r -> r.footprint().peakHeapAfterGcBytes() / MIB);
    row(md, results, "Server CPU s per million events (ingest + index)", "%.1f",
        r -> r.footprint().cpuSeconds() * MILLION / d.events());
    for (int q = 0; q < first.queries().size(); q++) {
      queryRow(md, results, q, BenchResults::queries, "");
    }
    for (int q = 0; q < first.coldQueries().size(); q++) {
      queryRow(md, results, q, BenchResults::coldQueries, ", cold (restart + page cache dropped)");
    }
    for (int q = 0; q < first.warmQueries().size(); q++) {
      queryRow(md, results, q, BenchResults::warmQueries, ", warm index");
    }
    if (first.mixed() != null) {
      mixedRows(md, results);
    }
    return md.toString();
  }

  /** The mixed phase's rows: the paced ingest, then each query during it. */
  private static void mixedRows(StringBuilder md, List<BenchResults> results) {
    int percent = results.get(0).mixed().ratePercent();
    row(md, results, "Mixed phase: ingest pace, events/s (" + percent + "% of the durable rate alone)", "%,.0f",
        r -> r.mixed() == null ? Double.NaN : r.mixed().targetEventsPerSecond());
    row(md, results, "Mixed phase: durable ingest achieved, events/s", "%,.0f",
        r -> r.mixed() == null ? Double.NaN : r.mixed().achievedEventsPerSecond());
    row(md, results, "Mixed phase: rejected events", "%,.0f",
        r -> r.mixed() == null ? Double.NaN : r.mixed().rejected());
    row(md, results, "Mixed phase: runs of each query (round robin, one client)", "%,.0f",
        r -> r.mixed() == null ? Double.NaN : r.mixed().runsPerQuery());
    for (int q = 0; q < results.get(0).mixedQueries().size(); q++) {
      queryRow(md, results, q, BenchResults::mixedQueries, ", during ingest");
    }
  }

  /**
   * A second table: each query's total (matching events; for grep, output lines) in the last
   * measured run, one column per peer, so that answers can be compared as well as timings.
   */
  public static String totals(List<BenchResults> results) {
    StringBuilder md = new StringBuilder("| Query total (last run) |");
    StringBuilder rule = new StringBuilder("|---|");
    for (BenchResults peer : results) {
      md.append(' ').append(peer.peer()).append(" |");
      rule.append("---:|");
    }
    md.append('\n').append(rule).append('\n');
    for (int q = 0; q < results.get(0).queries().size(); q++) {
      md.append("| `").append(results.get(0).queries().get(q).query().name()).append("` |");
      for (BenchResults peer : results) {
        QueryBenchmark.Timing t = peer.queries().get(q);
        md.append(' ').append(t.wall().samples() == 0 ? NA : String.format(Locale.ROOT, "%,d", t.total())).append(" |");
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static void row(StringBuilder md, List<BenchResults> results, String figure, String format,
      ToDoubleFunction<BenchResults> value) {
    md.append("| ").append(figure).append(" | ");
    double base = value.applyAsDouble(results.get(0));
    md.append(number(format, base)).append(" |");
    for (BenchResults peer : results.subList(1, results.size())) {
      double v = value.applyAsDouble(peer);
      md.append(' ').append(number(format, v)).append(" | ").append(ratio(base, v)).append(" |");
    }
    md.append('\n');
  }

  /** The row of query {@code q} of the timings {@code set} picks; n/a for a peer without them. */
  private static void queryRow(StringBuilder md, List<BenchResults> results, int q,
      Function<BenchResults, List<QueryBenchmark.Timing>> set, String suffix) {
    QueryBenchmark.Timing base = set.apply(results.get(0)).get(q);
    md.append("| Query `").append(base.query().name()).append('`').append(suffix)
        .append(": p50 / p99 ms, server (wall) | ").append(latency(base)).append(" |");
    for (BenchResults peer : results.subList(1, results.size())) {
      List<QueryBenchmark.Timing> timings = set.apply(peer);
      if (q >= timings.size()) {
        md.append(' ').append(NA).append(" | ").append(NA).append(" |");
        continue;
      }
      QueryBenchmark.Timing t = timings.get(q);
      md.append(' ').append(latency(t)).append(" | ").append(ratio(base.wall().p50(), t.wall().p50())).append(" |");
    }
    md.append('\n');
  }

  private static String latency(QueryBenchmark.Timing t) {
    if (t.wall().samples() == 0) {
      return NA;
    }
    return String.format(Locale.ROOT, "%.0f / %.0f (%.0f / %.0f)", t.server().p50(), t.server().p99(), t.wall().p50(),
        t.wall().p99());
  }

  private static String number(String format, double value) {
    return Double.isNaN(value) || value < 0 || Double.isInfinite(value) ? NA : String.format(Locale.ROOT, format, value);
  }

  /** {@code base / value} to two places, or n/a when either side is missing or the divisor is 0. */
  private static String ratio(double base, double value) {
    if (Double.isNaN(base) || Double.isNaN(value) || base < 0 || value <= 0 || Double.isInfinite(value)) {
      return NA;
    }
    return String.format(Locale.ROOT, "%.2f×", base / value);
  }
}
