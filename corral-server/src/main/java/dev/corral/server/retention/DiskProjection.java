package dev.corral.server.retention;

import dev.corral.store.PartitionInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When the disk fills at the present rate, for the Status page (docs/operations.md, "Retention"):
 * deliberately simple.
 *
 * <ul>
 *   <li>bytes per day: the mean size of the day partitions of the last {@link #HISTORY_DAYS} whole
 *       days (today excluded); with none, today's bytes scaled to a whole day once an hour of it has
 *       passed; else unknown;
 *   <li>days until full: the free space above {@code storage.min_free_bytes} (where ingest stops)
 *       divided by bytes per day;
 *   <li>kept by max_age: bytes per day times the days of {@code max_age} (at most {@code max_bytes}
 *       when set): what the store settles at; it fits when it is below the partitions' bytes now plus
 *       that free space.
 * </ul>
 *
 * @param bytesPerDay the ingest rate in stored bytes per day, or -1 when unknown
 * @param daysUntilFull days until ingest stops at the floor if nothing is deleted, or -1 when unknown
 * @param retainedBytes what the policy keeps at this rate, or -1 when it sets no limit or the rate is unknown
 * @param fits whether {@code retainedBytes} fits on the disk (false when unknown)
 */
record DiskProjection(long bytesPerDay, double daysUntilFull, long retainedBytes, boolean fits) {
  /** A week smooths the weekday/weekend swing of most log volumes. */
  static final int HISTORY_DAYS = 7;
  /** Less than an hour of today says little about the whole day. */
  private static final Duration MIN_PART_OF_TODAY = Duration.ofHours(1);

  static DiskProjection of(List<PartitionInfo> partitions, RetentionPolicy policy, long freeAboveFloor, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    long bytesPerDay = bytesPerDay(partitions, today, now);
    if (bytesPerDay <= 0) {
      return new DiskProjection(-1, -1, -1, false);
    }
    long stored = partitions.stream().mapToLong(PartitionInfo::sizeBytes).sum();
    long retained = -1;
    if (!policy.maxAge().isZero()) {
      retained = (long) Math.ceil(policy.maxAge().toSeconds() / 86_400.0) * bytesPerDay;
    }
    if (policy.maxBytes() > 0) {
      retained = retained < 0 ? policy.maxBytes() : Math.min(retained, policy.maxBytes());
    }
    long free = Math.max(0, freeAboveFloor);
    return new DiskProjection(bytesPerDay, (double) free / bytesPerDay, retained, retained >= 0 && retained <= stored + free);
  }

  private static long bytesPerDay(List<PartitionInfo> partitions, LocalDate today, Instant now) {
    List<PartitionInfo> history = partitions.stream()
        .filter(p -> p.day().isBefore(today) && !p.day().isBefore(today.minusDays(HISTORY_DAYS))).toList();
    if (!history.isEmpty()) {
      return history.stream().mapToLong(PartitionInfo::sizeBytes).sum() / history.size();
    }
    Duration sinceMidnight = Duration.between(today.atStartOfDay(ZoneOffset.UTC).toInstant(), now);
    if (sinceMidnight.compareTo(MIN_PART_OF_TODAY) < 0) {
      return -1;
    }
    long todayBytes = partitions.stream().filter(p -> p.day().equals(today)).mapToLong(PartitionInfo::sizeBytes).sum();
    return Math.round(todayBytes * (86_400.0 / sinceMidnight.toSeconds()));
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("bytes_per_day", bytesPerDay < 0 ? null : bytesPerDay);
    json.put("days_until_full", daysUntilFull < 0 ? null : Math.round(daysUntilFull * 10) / 10.0);
    json.put("retained_bytes", retainedBytes < 0 ? null : retainedBytes);
    json.put("fits", fits);
    return json;
  }
}
