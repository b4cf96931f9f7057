package dev.corral.bench;

import java.util.Locale;

/** Renders {@link BenchResults} as the Markdown table of docs/benchmarks.md: one row per figure, one column per peer. */
public final class MarkdownReport {
  private static final double MILLION = 1_000_000.0;
  private static final double MIB = 1024.0 * 1024.0;

  private MarkdownReport() {}

  public static String render(BenchResults r) {
    StringBuilder md = new StringBuilder();
    Dataset d = r.dataset();
    IngestFigures in = r.ingest();
    Footprint f = r.footprint();
    md.append(String.format(Locale.ROOT, "Dataset: %,d events, %.1f MiB NDJSON, %d batches. Machine: %d cores, %s, %s.%n%n",
        d.events(), d.rawBytes() / MIB, d.batches().size(), r.machine().processors(), r.machine().jvm(), r.machine().os()));
    md.append("| Figure | ").append(r.peer()).append(" |\n|---|---:|\n");
    row(md, "Durable ingest, events/s (after 5% warm-up)", "%,.0f", in.durableEventsPerSecond());
    row(md, "Durable ingest, MiB/s raw NDJSON", "%.1f", in.durableMegabytesPerSecond());
    row(md, "Fully indexed, events/s (first send → all searchable)", "%,.0f", in.indexedEventsPerSecond());
    row(md, "Last ack → all searchable, s", "%.1f", in.ackToSearchableSeconds());
    row(md, "Rejected events", "%,.0f", (double) in.rejected());
    row(md, "Index on disk, MiB (partitions/)", "%.1f", f.indexBytes() / MIB);
    row(md, "WAL on disk, MiB (wal/)", "%.1f", f.logBytes() / MIB);
    row(md, "Index bytes per raw byte (hot)", "%.2f", (double) f.indexBytes() / d.rawBytes());
    row(md, "Index + WAL bytes per raw byte", "%.2f", (double) (f.indexBytes() + f.logBytes()) / d.rawBytes());
    row(md, "Server peak RSS, MiB", "%.0f", f.peakRssBytes() / MIB);
    row(md, "Server CPU s per million events (ingest + index)", "%.1f", f.cpuSeconds() * MILLION / d.events());
    for (QueryBenchmark.Timing t : r.queries()) {
      md.append(String.format(Locale.ROOT, "| Query `%s`: p50 / p99 ms, server (wall) | %.0f / %.0f (%.0f / %.0f) |%n",
          t.query().name(), t.server().p50(), t.server().p99(), t.wall().p50(), t.wall().p99()));
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String figure, String format, double value) {
    md.append("| ").append(figure).append(" | ").append(String.format(Locale.ROOT, format, value)).append(" |\n");
  }
}
