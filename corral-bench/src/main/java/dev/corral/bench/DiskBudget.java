package dev.corral.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The disk a bench run needs, estimated before it writes anything, so that a run too big for the disk
 * (30M fleet events are about 18 GB of NDJSON) stops at once with a clear message instead of failing an
 * hour in. The dataset stays for the whole run; each peer's data directory is deleted once the peer is
 * measured (unless {@code --keep}), so the largest of them counts, or all of them with {@code --keep}.
 * The factors are data directory bytes per raw NDJSON byte, from docs/benchmarks.md's results with room
 * for merges in flight.
 */
public final class DiskBudget {
  /** Mean bytes of a fleet event: 581.5 MiB for 1M events in the 1M results. */
  static final int FLEET_BYTES_PER_EVENT = 610;
  /**
   * Corral's data directory (hot index + WAL) right after ingest: 0.85–0.94 per raw byte for fleet events (300k,
   * 1M), 1.27 for id-heavy ones (300k); plus merges in flight.
   */
  static final double CORRAL = 1.6;
  /** grep's day files: a copy of the dataset. */
  static final double GREP = 1.0;
  /** Raw Lucene's index: 0.50 measured, plus its warm rewrite next to it while the merge runs. */
  static final double LUCENE = 1.0;
  /** OpenSearch: the normalized {@code _bulk} bodies (about the dataset's size) plus index and translog (0.94). */
  static final double OPENSEARCH = 2.3;
  /** Results, server logs and GC logs, and room for whatever else writes to the disk meanwhile. */
  static final long MARGIN_BYTES = 1L << 30;
  private static final double GB = 1e9;

  /**
   * The estimate.
   *
   * @param rawBytes the dataset's NDJSON bytes
   * @param dataBytes the data directories' bytes at their peak
   * @param explanation what the estimate is made of, for the message
   */
  public record Estimate(long rawBytes, long dataBytes, String explanation) {
    /** Dataset, data directories and the margin. */
    public long neededBytes() {
      return rawBytes + dataBytes + MARGIN_BYTES;
    }
  }

  private DiskBudget() {}

  /** The dataset's size for {@code events} simulated events of {@code dataset} ({@code fleet} or {@code ids}). */
  public static long simulatedBytes(String dataset, long events) {
    int perEvent = DatasetGenerator.IDS.equals(dataset) ? RandomIdEvents.EXPECTED_MEAN_BYTES : FLEET_BYTES_PER_EVENT;
    return events * perEvent;
  }

  /**
   * What a run over {@code rawBytes} of NDJSON needs: Corral's data directory, Corral's again with {@code tls},
   * each comparison peer's of {@code peers}, and with {@code mixed} Corral's and OpenSearch's once more for the
   * mixed phase; all of them with {@code keep}, else the largest.
   */
  public static Estimate estimate(long rawBytes, List<String> peers, boolean tls, boolean mixed, boolean keep) {
    Map<String, Double> directories = new LinkedHashMap<>();
    directories.put("corral", CORRAL);
    if (tls) {
      directories.put("corral+tls", CORRAL);
    }
    for (String peer : peers) {
      switch (peer) {
        case "grep" -> directories.put(peer, GREP);
        case "lucene" -> directories.put(peer, LUCENE);
        case "opensearch" -> directories.put(peer, OPENSEARCH);
        default -> { }
      }
    }
    if (mixed) {
      directories.put("corral (mixed phase)", CORRAL);
      if (peers.contains("opensearch")) {
        directories.put("opensearch (mixed phase)", OPENSEARCH);
      }
    }
    double factor = keep ? directories.values().stream().mapToDouble(Double::doubleValue).sum()
        : directories.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    StringBuilder parts = new StringBuilder();
    directories.forEach((name, f) -> parts.append(parts.isEmpty() ? "" : ", ")
        .append(String.format(Locale.ROOT, "%s %.1f×", name, f)));
    String explanation = String.format(Locale.ROOT, "the dataset, %.1f GB, + %s the data directories (%s the "
        + "dataset) + %.1f GB margin", rawBytes / GB, keep ? "all of (--keep)" : "the largest of", parts,
        MARGIN_BYTES / GB);
    return new Estimate(rawBytes, (long) (rawBytes * factor), explanation);
  }

  /** Null when {@code usableBytes} hold the estimate, else the error to print, naming both and the directory. */
  public static String shortfall(Estimate estimate, long usableBytes, java.nio.file.Path directory) {
    if (usableBytes >= estimate.neededBytes()) {
      return null;
    }
    return String.format(Locale.ROOT, "not enough free disk space in %s: this run needs about %.1f GB (%s), %.1f GB "
        + "are free; lower --events, drop peers, or point java.io.tmpdir at a larger disk (CORRAL_JAVA_OPTS="
        + "-Djava.io.tmpdir=...)", directory, estimate.neededBytes() / GB, estimate.explanation(), usableBytes / GB);
  }
}
