package dev.corral.server.storage;

import dev.corral.wal.ConsumerKind;
import dev.corral.wal.ConsumerLag;
import dev.corral.wal.WalStats;
import dev.corral.wal.WriteAheadLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code wal} section of {@code GET /api/v1/stats}: segments and bytes retained, appends, the
 * positions, the retention bound, and per named consumer its cursor and lag in records and bytes.
 * {@code checkpoint} and {@code lag_bytes} repeat the indexer's cursor and lag (the figures the
 * status page has always shown).
 */
public final class WalStatsSection {
  private WalStatsSection() {}

  public static Map<String, Object> of(WriteAheadLog<?> wal) throws IOException {
    WalStats stats = wal.stats();
    List<ConsumerLag> consumers = wal.consumers();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("segments", stats.segments());
    json.put("bytes_on_disk", stats.bytesOnDisk());
    json.put("appends", stats.appends());
    json.put("group_commits", stats.groupCommits());
    json.put("start_position", wal.startPosition());
    json.put("end_position", wal.endPosition());
    for (ConsumerLag consumer : consumers) {
      if (consumer.name().equals(WalService.INDEXER)) {
        json.put("checkpoint", consumer.cursor());
        json.put("lag_bytes", consumer.lagBytes());
      }
    }
    Map<String, Object> retention = new LinkedHashMap<>();
    retention.put("max_bytes", wal.config().retention().maxBytes());
    retention.put("max_age_seconds", wal.config().retention().maxAge().toSeconds());
    json.put("retention", retention);
    List<Map<String, Object>> list = new ArrayList<>();
    for (ConsumerLag consumer : consumers) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("name", consumer.name());
      one.put("kind", consumer.kind().name().toLowerCase(Locale.ROOT));
      one.put("cursor", consumer.cursor());
      one.put("lag_records", consumer.lagRecords());
      one.put("lag_bytes", consumer.lagBytes());
      if (consumer.kind() == ConsumerKind.FOLLOWER) {
        one.put("attached", consumer.attached());
        one.put("missed_bytes", consumer.missedBytes());
        one.put("gaps", consumer.gaps());
      }
      list.add(one);
    }
    json.put("consumers", list);
    return json;
  }
}
