package dev.corral.server.config;

import dev.corral.model.normalize.DecodeLimits;
import dev.corral.model.normalize.IngestWindow;
import dev.corral.server.ingest.IngestBacklog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code ingest.*} settings and {@code storage.min_free_bytes}: what one event may be, how much
 * un-indexed backlog ingest takes, which timestamps it indexes and how much disk it leaves free.
 *
 * @param decodeLimits the per-event limits the decoder enforces
 * @param backlog indexing backlog above which ingest waits (target) or is refused (maximum)
 * @param aliasesFile optional alias table merged over the built-in one, or null
 * @param window the range of event timestamps ingest indexes; events outside become dead letters
 * @param minFreeBytes free disk below which ingest is refused
 */
public record IngestSection(DecodeLimits decodeLimits, IngestBacklog backlog, Path aliasesFile, IngestWindow window,
    long minFreeBytes) {
  /** One event must fit in one WAL record of one request. */
  private static final int MAX_EVENT_CEILING = 64 << 20;
  /** A century: any longer is "no limit", which is 0 (timestamps end in 2262). */
  private static final Duration MAX_WINDOW = Duration.ofDays(36_500);
  /** Below this the backlog bound would refuse ordinary bursts of a single shipper. */
  private static final int MIN_MAX_PENDING_EVENTS = 1000;

  public IngestSection {
    Objects.requireNonNull(decodeLimits, "decodeLimits");
    Objects.requireNonNull(backlog, "backlog");
    Objects.requireNonNull(window, "window");
  }

  /** Reads and validates the {@code ingest.*} settings and {@code storage.min_free_bytes}. */
  public static IngestSection from(ConfigValues values) {
    String aliases = values.text(Settings.INGEST_ALIASES_FILE).trim();
    return new IngestSection(
        new DecodeLimits((int) values.bytes(Settings.INGEST_MAX_EVENT_BYTES, 256, MAX_EVENT_CEILING),
            values.integer(Settings.INGEST_MAX_FIELDS, 10, 100_000),
            values.integer(Settings.INGEST_MAX_DEPTH, 1, 1000),
            (int) values.bytes(Settings.INGEST_MAX_MESSAGE_BYTES, 64, MAX_EVENT_CEILING)),
        backlog(values),
        aliases.isEmpty() ? null : Path.of(aliases),
        new IngestWindow(values.duration(Settings.INGEST_MAX_PAST, Duration.ZERO, MAX_WINDOW),
            values.duration(Settings.INGEST_MAX_FUTURE, Duration.ZERO, MAX_WINDOW)),
        values.bytes(Settings.STORAGE_MIN_FREE_BYTES, 0, Long.MAX_VALUE));
  }

  private static IngestBacklog backlog(ConfigValues values) {
    long max = values.integer(Settings.INGEST_MAX_PENDING_EVENTS, MIN_MAX_PENDING_EVENTS, Integer.MAX_VALUE);
    long target = values.integer(Settings.INGEST_TARGET_PENDING_EVENTS, 0, Integer.MAX_VALUE);
    if (target > max) {
      throw new ConfigException("ingest.target_pending_events (" + target + ") must not exceed "
          + "ingest.max_pending_events (" + max + ")");
    }
    return IngestBacklog.of(target, max);
  }
}
