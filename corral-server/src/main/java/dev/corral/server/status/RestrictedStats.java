package dev.corral.server.status;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What {@code GET /api/v1/stats} shows a principal whose reads are restricted to some services: only
 * the entries that say nothing about anyone's events — {@code version}, {@code uptime_seconds},
 * {@code queries} (how busy the query lanes are) and {@code jvm} — plus {@code read_restriction},
 * its own filter. Everything else counts events or bytes of every service (ingest totals and
 * rates, partitions' events, dead letters, per-input counters, the WAL, the backlog, live tails,
 * disk use) and is left out. An allowlist: an entry a later service adds stays hidden until it is
 * judged safe here. A restricted key counts its own events with a query ({@code | stats count()
 * by service}).
 */
final class RestrictedStats {
  /** The entries a restricted principal sees: none of them counts or sizes events. */
  static final Set<String> VISIBLE = Set.of("version", "uptime_seconds", "queries", "jvm");

  private RestrictedStats() {}

  /** The visible entries of {@code all}, in their order, then {@code read_restriction}. */
  static Map<String, Object> of(Map<String, Object> all, String readFilter) {
    Map<String, Object> visible = new LinkedHashMap<>();
    all.forEach((key, value) -> {
      if (VISIBLE.contains(key)) {
        visible.put(key, value);
      }
    });
    visible.put("read_restriction", readFilter);
    return visible;
  }
}
