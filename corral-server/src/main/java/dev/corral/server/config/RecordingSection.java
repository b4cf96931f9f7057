package dev.corral.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code recording.*} settings (docs/metrics.md, "Log-derived metrics"): where the recording rules
 * live, how often that directory is checked, and what their evaluation may take.
 *
 * @param directory the rule files' directory
 * @param reloadInterval how often the directory's files are compared with what was loaded
 * @param threads evaluations that run at once
 * @param timeout the time budget of one evaluation
 * @param searchableLag how far behind now every window ends at least (it never ends after the searchable watermark)
 * @param maxSeriesPerRule most series one rule exports
 */
public record RecordingSection(Path directory, Duration reloadInterval, int threads, Duration timeout,
    Duration searchableLag, int maxSeriesPerRule) {
  /** A check lists one directory and stats its files: more often than this only costs I/O. */
  private static final Duration MIN_RELOAD_INTERVAL = Duration.ofMillis(100);
  /** Recording shares the query lanes with people; more threads would only queue there. */
  public static final int MAX_THREADS = 16;
  /** Series in one scrape grow with rules × this; Prometheus itself warns past some 10k series per metric. */
  public static final int MAX_SERIES_CEILING = 100_000;

  public RecordingSection {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(reloadInterval, "reloadInterval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(searchableLag, "searchableLag");
  }

  /** Reads the {@code recording.*} settings; the default directory is {@code <alerts.dir>/recording}. */
  public static RecordingSection from(ConfigValues values, Path dataDir) {
    String directory = values.text(Settings.RECORDING_DIR).trim();
    return new RecordingSection(directory.isEmpty() ? AlertsSection.directory(values, dataDir).resolve("recording")
        : Path.of(directory),
        values.duration(Settings.RECORDING_RELOAD_INTERVAL, MIN_RELOAD_INTERVAL, Duration.ofHours(1)),
        values.integer(Settings.RECORDING_THREADS, 1, MAX_THREADS),
        values.duration(Settings.RECORDING_TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(1)),
        values.duration(Settings.RECORDING_SEARCHABLE_LAG, Duration.ZERO, Duration.ofMinutes(10)),
        values.integer(Settings.RECORDING_MAX_SERIES_PER_RULE, 1, MAX_SERIES_CEILING));
  }
}
