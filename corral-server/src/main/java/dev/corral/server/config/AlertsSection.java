package dev.corral.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code alerts.*} settings of the rules part of alerting (docs/alerting.md): where rule files
 * live, how often they are checked, and what bounds rule evaluation so that it never starves ingest
 * or interactive queries.
 *
 * @param enabled whether the rules service runs at all
 * @param directory the rule files' directory ({@code channels.yaml} beside them)
 * @param reloadInterval how often the directory's files are compared with what was loaded
 * @param maxConcurrent evaluations running at once (threads of the evaluation pool and of its query lane)
 * @param evalTimeout the time budget of one evaluation
 * @param maxInstances most instances one evaluation reports before it says {@code capped}
 * @param lag how far behind now a window ends at least (late shippers)
 */
public record AlertsSection(boolean enabled, Path directory, Duration reloadInterval, int maxConcurrent,
    Duration evalTimeout, int maxInstances, Duration lag) {
  /** A check lists one directory and stats its files: more often than this only costs I/O. */
  private static final Duration MIN_RELOAD_INTERVAL = Duration.ofMillis(100);
  /** Evaluation threads beyond this only contend with interactive queries for the same cores. */
  private static final int MAX_CONCURRENT = 64;
  /** More instances than this in one message is a storm no responder reads. */
  private static final int MAX_INSTANCES = 100_000;

  public AlertsSection {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(reloadInterval, "reloadInterval");
    Objects.requireNonNull(evalTimeout, "evalTimeout");
    Objects.requireNonNull(lag, "lag");
  }

  /**
   * The alerts directory, {@code alerts.dir}, or {@code <dataDir>/alerts} when it is empty: the rule files,
   * {@code channels.yaml} and (under {@code recording/}) the recording rules.
   */
  public static Path directory(ConfigValues values, Path dataDir) {
    String directory = values.text(Settings.ALERTS_DIR).trim();
    return directory.isEmpty() ? dataDir.resolve("alerts") : Path.of(directory);
  }

  /** Reads the {@code alerts.*} settings; an empty directory means {@code <dataDir>/alerts}. */
  public static AlertsSection from(ConfigValues values, Path dataDir) {
    return new AlertsSection(values.bool(Settings.ALERTS_ENABLED), directory(values, dataDir),
        values.duration(Settings.ALERTS_RELOAD_INTERVAL, MIN_RELOAD_INTERVAL, Duration.ofHours(1)),
        values.integer(Settings.ALERTS_MAX_CONCURRENT, 1, MAX_CONCURRENT),
        values.duration(Settings.ALERTS_EVAL_TIMEOUT, Duration.ofMillis(100), Duration.ofHours(1)),
        values.integer(Settings.ALERTS_MAX_INSTANCES, 1, MAX_INSTANCES),
        values.duration(Settings.ALERTS_LAG, Duration.ZERO, Duration.ofHours(1)));
  }
}
