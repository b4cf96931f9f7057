package dev.corral.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The alert channels' settings ({@code alerts.dir} and {@code alerts.notify_*}, docs/alerting-channels.md): where
 * {@code channels.yaml} lives and how notifications are delivered.
 *
 * @param directory the alerts directory holding {@code channels.yaml} (and the rule files)
 * @param timeout the connect timeout and the read timeout of one delivery attempt
 * @param retries attempts after the first when an attempt fails in a way worth retrying
 * @param backoff the wait before the first retry; it doubles before each next one
 * @param maxPerMinute messages one channel sends per minute at most; what comes beyond is grouped into one summary
 * @param queueCapacity notifications one channel holds waiting; a full queue drops (counted and logged)
 * @param reloadInterval how often {@code channels.yaml} is checked for a change
 */
public record AlertChannelsSection(Path directory, Duration timeout, int retries, Duration backoff, int maxPerMinute,
    int queueCapacity, Duration reloadInterval) {
  /** Below this a receiver across the internet cannot even finish a TLS handshake. */
  private static final Duration MIN_TIMEOUT = Duration.ofMillis(50);
  /** A receiver silent this long is down; longer only holds the channel's queue. */
  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);
  /** With the backoff doubling, ten retries already span many minutes: a page that late is history. */
  private static final int MAX_RETRIES = 10;
  /** Queued notifications are small records; past this a channel is down, not busy. */
  private static final int MAX_QUEUE = 100_000;
  /** Past this many messages a minute a channel is a firehose, not a pager: a rule floods it. */
  private static final int MAX_PER_MINUTE = 10_000;
  /** The first retry waits at most this long; it doubles from there (up to a minute between attempts). */
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  /** Checking one file more often than this only costs I/O. */
  private static final Duration MIN_RELOAD_INTERVAL = Duration.ofMillis(100);

  public AlertChannelsSection {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(reloadInterval, "reloadInterval");
  }

  /** Reads the settings; an empty {@code alerts.dir} is {@code <dataDir>/alerts}. */
  public static AlertChannelsSection from(ConfigValues values, Path dataDir) {
    return new AlertChannelsSection(AlertsSection.directory(values, dataDir),
        values.duration(Settings.ALERTS_NOTIFY_TIMEOUT, MIN_TIMEOUT, MAX_TIMEOUT),
        values.integer(Settings.ALERTS_NOTIFY_RETRIES, 0, MAX_RETRIES),
        values.duration(Settings.ALERTS_NOTIFY_BACKOFF, Duration.ofMillis(1), MAX_BACKOFF),
        values.integer(Settings.ALERTS_NOTIFY_MAX_PER_MINUTE, 1, MAX_PER_MINUTE),
        values.integer(Settings.ALERTS_NOTIFY_QUEUE, 1, MAX_QUEUE),
        values.duration(Settings.ALERTS_CHANNELS_RELOAD_INTERVAL, MIN_RELOAD_INTERVAL, Duration.ofHours(1)));
  }

  /** The channels' file. */
  public Path channelsFile() {
    return directory.resolve("channels.yaml");
  }
}
