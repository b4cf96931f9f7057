package dev.corral.server.alerts.state;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the alert state counts since start, read by {@code /api/v1/stats} ({@code alerts_state}) and
 * {@code /metrics}: transitions by new state, notifications sent and silenced, evaluations by
 * outcome, failed writes of the state file. Thread-safe.
 */
final class AlertCounters {
  private final Map<AlertState, AtomicLong> transitions = new EnumMap<>(AlertState.class);
  private final Map<String, AtomicLong> evaluations = new LinkedHashMap<>();
  private final AtomicLong notifications = new AtomicLong();
  private final AtomicLong notifiedInstances = new AtomicLong();
  private final AtomicLong silenced = new AtomicLong();
  private final AtomicLong persistFailures = new AtomicLong();

  AlertCounters() {
    for (AlertState state : AlertState.values()) {
      transitions.put(state, new AtomicLong());
    }
    for (String outcome : List.of("ok", "capped", "failed")) {
      evaluations.put(outcome, new AtomicLong());
    }
  }

  void transition(AlertState to) {
    transitions.get(to).incrementAndGet();
  }

  void evaluation(String outcome) {
    evaluations.get(outcome).incrementAndGet();
  }

  /** One notification handed to the notifier, about {@code instances} instances. */
  void notified(int instances) {
    notifications.incrementAndGet();
    notifiedInstances.addAndGet(instances);
  }

  void silenced(int instances) {
    silenced.addAndGet(instances);
  }

  void persistFailed() {
    persistFailures.incrementAndGet();
  }

  long notifications() {
    return notifications.get();
  }

  /** Counts as JSON-ready maps, for the stats. */
  Map<String, Object> toMap() {
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Object> byState = new LinkedHashMap<>();
    transitions.forEach((state, count) -> byState.put(state.wireName(), count.get()));
    json.put("transitions", byState);
    Map<String, Object> byOutcome = new LinkedHashMap<>();
    evaluations.forEach((outcome, count) -> byOutcome.put(outcome, count.get()));
    json.put("evaluations", byOutcome);
    json.put("notifications_sent", notifications.get());
    json.put("instances_notified", notifiedInstances.get());
    json.put("instances_silenced", silenced.get());
    json.put("state_write_failures", persistFailures.get());
    return json;
  }

  /**
   * Registers {@code corral_alerts_instances{state}} (a gauge of {@code instancesByState}),
   * {@code corral_alerts_transitions_total{state}}, {@code corral_alerts_notifications_total},
   * {@code corral_alerts_silenced_total}, {@code corral_alerts_evaluations_total{outcome}} and
   * {@code corral_alerts_history_dropped_total}.
   */
  void register(PrometheusRegistry registry, Supplier<Map<AlertState, Long>> instancesByState,
      Supplier<Long> historyDropped) {
    GaugeWithCallback.builder().name("corral_alerts_instances")
        .help("Alert instances tracked now, by state").labelNames("state")
        .callback(callback -> instancesByState.get().forEach((state, count) -> callback.call(count, state.wireName())))
        .register(registry);
    CounterWithCallback.builder().name("corral_alerts_transitions_total")
        .help("Alert instance state changes since start, by the new state").labelNames("state")
        .callback(callback -> transitions.forEach((state, count) -> callback.call(count.get(), state.wireName())))
        .register(registry);
    CounterWithCallback.builder().name("corral_alerts_evaluations_total")
        .help("Rule evaluations received since start, by outcome (ok, capped, failed)").labelNames("outcome")
        .callback(callback -> evaluations.forEach((outcome, count) -> callback.call(count.get(), outcome)))
        .register(registry);
    CounterWithCallback.builder().name("corral_alerts_notifications_total")
        .help("Notifications (one per rule and evaluation) handed to the notifier since start")
        .callback(callback -> callback.call(notifications.get())).register(registry);
    CounterWithCallback.builder().name("corral_alerts_silenced_total")
        .help("Instance notifications held back by a silence or maintenance window since start")
        .callback(callback -> callback.call(silenced.get())).register(registry);
    CounterWithCallback.builder().name("corral_alerts_history_dropped_total")
        .help("Alert history events not stored (queue full or ingest refused) since start")
        .callback(callback -> callback.call(historyDropped.get())).register(registry);
  }
}
