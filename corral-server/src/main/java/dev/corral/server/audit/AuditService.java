package dev.corral.server.audit;

import dev.corral.model.LogEvent;
import dev.corral.server.http.RequestObserver;
import dev.corral.server.service.Service;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log: the {@link AuditTrail} every part that authenticates, changes the server or
 * searches records into, and the {@link RequestObserver} that records every admin request. Entries
 * become {@code logtype:audit} events (service {@value AuditEvents#SERVICE}) written through the
 * ingest sink as input {@value AuditEvents#INPUT} by one thread ({@link AuditQueue}): durable like
 * any event, never holding up the action. The read path shows them to admins only ({@code
 * search.ReadScope}). Its own writes go through the ingest sink, not HTTP, so they record nothing:
 * no feedback loop.
 *
 * <p>With {@code audit.enabled} resolved to false, {@link #trail()} is {@link AuditTrail#NONE} and
 * {@link #adminRequests()} observes nothing. Starts after ingest and before search and HTTP (whose
 * handlers record into it), so it stops after them. The queue is written within milliseconds; an
 * entry still queued when the server stops is dropped and counted (ingest refuses writes from the
 * moment the server stops, before any service closes).
 *
 * <p>Stats entry {@code audit}: {@code enabled}, {@code recorded}, {@code written}, {@code dropped},
 * {@code queued}. Metrics: {@code corral_audit_entries_total{outcome=written|dropped}}, {@code
 * corral_audit_queued_entries}.
 */
public final class AuditService implements Service {
  /** Where audit events are written. */
  @FunctionalInterface
  public interface Writer {
    /** Stores {@code events} durably; throws when they are refused. */
    void write(List<LogEvent> events) throws Exception;
  }

  private final boolean enabled;
  private final AuditQueue queue;

  /**
   * @param enabled whether anything is recorded ({@code audit.enabled} resolved)
   * @param maxQueued entries waiting at most ({@code audit.max_queued}); more are dropped and counted
   * @param writer stores a batch of audit events durably (the ingest sink); throws when refused
   */
  public AuditService(boolean enabled, int maxQueued, Writer writer) {
    this.enabled = enabled;
    this.queue = new AuditQueue(writer, maxQueued, InstantSource.system());
  }

  @Override
  public String name() {
    return "audit";
  }

  @Override
  public void start() {
    if (enabled) {
      queue.start();
    }
  }

  /** Where entries are recorded: the queue, or {@link AuditTrail#NONE} when the audit log is off. */
  public AuditTrail trail() {
    return enabled ? queue : AuditTrail.NONE;
  }

  /** Records every admin request once answered; observes nothing when the audit log is off. */
  public RequestObserver adminRequests() {
    return enabled ? new AdminRequests(queue) : RequestObserver.NONE;
  }

  @Override
  public Map<String, Object> stats() {
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("enabled", enabled);
    stats.put("recorded", queue.recorded());
    stats.put("written", queue.written());
    stats.put("dropped", queue.dropped());
    stats.put("queued", queue.queued());
    return Map.of("audit", stats);
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    CounterWithCallback.builder().name("corral_audit_entries_total")
        .help("Audit entries stored as logtype:audit events (written) or lost: queue full, or refused by ingest (dropped)")
        .labelNames("outcome")
        .callback(callback -> {
          callback.call(queue.written(), "written");
          callback.call(queue.dropped(), "dropped");
        }).register(registry);
    GaugeWithCallback.builder().name("corral_audit_queued_entries")
        .help("Audit entries waiting to be stored").callback(callback -> callback.call(queue.queued())).register(registry);
  }

  /** Stores what is queued, waiting a few seconds at most, then stops. */
  @Override
  public void close() {
    queue.close();
  }
}
