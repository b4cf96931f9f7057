package dev.corral.server.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;

/**
 * What the ingest path records, per input ({@code ndjson}, {@code bulk}, {@code otlp}, {@code otlp-grpc},
 * {@code syslog-tcp}, …): events received, events stored, dead letters stored, and requests refused
 * as a whole by reason, with the events they held. One call per request, each a counter increment.
 * Thread-safe.
 */
public final class IngestMetrics {
  private final Counter received;
  private final Counter events;
  private final Counter deadLetters;
  private final Counter refused;
  private final Counter rejectedEvents;

  /** Registers the ingest counters in {@code registry}. */
  public IngestMetrics(PrometheusRegistry registry) {
    received = Counter.builder().name("corral_ingest_received_events_total")
        .help("Events and dead letters of the requests that reached the ingest sink (accepted or refused), by input")
        .labelNames("input").register(registry);
    events = Counter.builder().name("corral_ingest_events_total")
        .help("Events durably stored (acknowledged), by input").labelNames("input").register(registry);
    deadLetters = Counter.builder().name("corral_ingest_dead_letters_total")
        .help("Lines or events stored as dead letters (undecodable or outside the ingest window), by input")
        .labelNames("input").register(registry);
    refused = Counter.builder().name("corral_ingest_refused_requests_total")
        .help("Requests refused as a whole, nothing of them stored, by input and reason")
        .labelNames("input", "reason").register(registry);
    rejectedEvents = Counter.builder().name("corral_ingest_rejected_events_total")
        .help("Events and dead letters of the requests the ingest sink refused as a whole, by input and reason")
        .labelNames("input", "reason").register(registry);
  }

  /** One request of {@code input} with {@code events} events and dead letters reached the ingest sink. */
  public void received(String input, int events) {
    received.labelValues(input).inc(events);
  }

  /** One request of {@code input} was stored: {@code events} events and {@code deadLetters} dead letters. */
  public void stored(String input, int events, int deadLetters) {
    this.events.labelValues(input).inc(events);
    this.deadLetters.labelValues(input).inc(deadLetters);
  }

  /**
   * One request of {@code input} was refused; {@code reason} is one of {@link RefusalReason}'s labels.
   */
  public void refused(String input, RefusalReason reason) {
    refused.labelValues(input, reason.label()).inc();
  }

  /**
   * One request of {@code input} holding {@code events} events and dead letters was refused by the
   * ingest sink; counts the request as {@link #refused} does and its events.
   */
  public void refused(String input, RefusalReason reason, int events) {
    refused(input, reason);
    rejectedEvents.labelValues(input, reason.label()).inc(events);
  }

  /** Events {@code input} stored since start. */
  public long events(String input) {
    return sum(events, input);
  }

  /** Dead letters {@code input} stored since start. */
  public long deadLetters(String input) {
    return sum(deadLetters, input);
  }

  /** Requests of {@code input} refused as a whole since start, all reasons. */
  public long refusedRequests(String input) {
    return sum(refused, input);
  }

  /** The sum of {@code counter}'s series for {@code input}; reading creates no series. */
  private static long sum(Counter counter, String input) {
    double total = 0;
    for (CounterSnapshot.CounterDataPointSnapshot point : counter.collect().getDataPoints()) {
      if (input.equals(point.getLabels().get("input"))) {
        total += point.getValue();
      }
    }
    return (long) total;
  }
}
