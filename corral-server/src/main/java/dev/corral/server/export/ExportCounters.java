package dev.corral.server.export;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * Exports running now and what they streamed: the {@code exports} entry of {@code /api/v1/stats} and
 * the {@code corral_export_*} metrics. Also the cap on exports at once: {@link #tryStart} takes one of
 * {@code maxRunning} slots, {@link #ended} gives it back. Thread-safe.
 */
final class ExportCounters {
  /** How an export ended. */
  enum Outcome { COMPLETED, CANCELLED, FAILED }

  private final int maxRunning;
  private final Semaphore slots;
  private final LongAdder events = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final Map<Outcome, LongAdder> ended = new LinkedHashMap<>();
  private Counter eventsMetric;
  private Counter bytesMetric;

  ExportCounters(int maxRunning) {
    this.maxRunning = maxRunning;
    this.slots = new Semaphore(maxRunning);
    for (Outcome outcome : Outcome.values()) {
      ended.put(outcome, new LongAdder());
    }
  }

  void register(PrometheusRegistry registry) {
    GaugeWithCallback.builder().name("corral_exports_running").help("Exports streaming now (GET /api/v1/export)")
        .callback(callback -> callback.call(running())).register(registry);
    eventsMetric = Counter.builder().name("corral_export_events_total").help("Events streamed by exports")
        .register(registry);
    bytesMetric = Counter.builder().name("corral_export_bytes_total")
        .help("Bytes of event data streamed by exports (before HTTP framing and compression)").register(registry);
  }

  /** Takes a slot for one more export; false when {@code maxRunning} are running. */
  boolean tryStart() {
    return slots.tryAcquire();
  }

  /** An export that held a slot ended; its slot is free again. Call once per successful {@link #tryStart}. */
  void ended(Outcome outcome) {
    ended.get(outcome).increment();
    slots.release();
  }

  /** {@code size} bytes streamed before the first event (a CSV header). */
  void streamedHeader(int size) {
    bytes.add(size);
    if (bytesMetric != null) {
      bytesMetric.inc(size);
    }
  }

  /** One event of {@code size} bytes streamed. */
  void streamed(int size) {
    events.increment();
    bytes.add(size);
    if (eventsMetric != null) {
      eventsMetric.inc();
      bytesMetric.inc(size);
    }
  }

  int running() {
    return maxRunning - slots.availablePermits();
  }

  int maxRunning() {
    return maxRunning;
  }

  /** {@code {"running", "max_running", "completed", "cancelled", "failed", "events", "bytes"}}. */
  Map<String, Object> stats() {
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("running", running());
    stats.put("max_running", maxRunning);
    ended.forEach((outcome, count) -> stats.put(outcome.name().toLowerCase(java.util.Locale.ROOT), count.sum()));
    stats.put("events", events.sum());
    stats.put("bytes", bytes.sum());
    return stats;
  }
}
