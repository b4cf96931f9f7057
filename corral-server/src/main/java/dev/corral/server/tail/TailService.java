package dev.corral.server.tail;

import dev.corral.server.audit.AuditTrail;

import dev.corral.model.EventBatch;
import dev.corral.server.http.Route;
import dev.corral.server.service.Service;
import dev.corral.wal.WriteAheadLog;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Live tails: {@code GET /api/v1/tail} streams what the {@link TailHub} is fed, after what a
 * resuming client missed, read back from the write-ahead log ({@link TailReplay}). The hub exists
 * before this service (the WAL feeds it from its first record); the service comes after the HTTP
 * API in start order, so on stop it ends the open streams before HTTP waits for requests in flight.
 * Owns the tail-subscriber gauge and the stats entry {@code tail}.
 */
public final class TailService implements Service {
  private final TailHub hub;
  private final TailReplay replay;
  private final int maxKeywordBytes;
  private final AuditTrail audit;

  /**
   * @param wal the open write-ahead log, read when a tail resumes from a position
   * @param maxReplayEvents matching events a resumed tail replays at most ({@code tail.max_replay_events})
   * @param maxKeywordBytes the store's keyword limit, so a tail filter matches as a search would
   */
  public TailService(TailHub hub, Supplier<WriteAheadLog<EventBatch>> wal, int maxReplayEvents, int maxKeywordBytes) {
    this(hub, wal, maxReplayEvents, maxKeywordBytes, AuditTrail.NONE);
  }

  /** @param audit where the start of every tail is recorded, as a search of kind {@code tail} */
  public TailService(TailHub hub, Supplier<WriteAheadLog<EventBatch>> wal, int maxReplayEvents, int maxKeywordBytes,
      AuditTrail audit) {
    this.audit = audit;
    this.hub = hub;
    this.replay = new TailReplay(wal, maxReplayEvents);
    this.maxKeywordBytes = maxKeywordBytes;
  }

  @Override
  public String name() {
    return "tail";
  }

  @Override
  public List<Route> routes() {
    return List.of(Route.read("GET", "/api/v1/tail", new TailHandler(hub, replay, maxKeywordBytes, audit)));
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    GaugeWithCallback.builder().name("corral_tail_subscribers")
        .help("Live tail streams open now")
        .callback(callback -> callback.call(hub.subscribers())).register(registry);
  }

  @Override
  public Map<String, Object> stats() {
    Map<String, Object> tail = new LinkedHashMap<>();
    tail.put("subscribers", hub.subscribers());
    tail.put("dropped_events", hub.droppedEvents());
    return Map.of("tail", tail);
  }

  /** Ends every live tail stream. */
  @Override
  public void close() {
    hub.close();
  }
}
