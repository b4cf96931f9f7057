package dev.corral.server.keys;

import dev.corral.server.auth.AccessDenied;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests refused by access control since start, by {@link AccessDenied.Reason} ({@code missing},
 * {@code malformed}, {@code invalid}, {@code expired}, {@code revoked}, {@code scope}, {@code
 * busy}): the Prometheus counter {@code corral_auth_refusals_total{reason}} and the stats entry
 * {@code auth.refusals}, both read from the same counts. Every reason is reported from start, at 0.
 * Thread-safe; counting is one increment.
 */
final class AuthRefusals {
  private final Map<AccessDenied.Reason, LongAdder> counts = new EnumMap<>(AccessDenied.Reason.class);

  AuthRefusals() {
    for (AccessDenied.Reason reason : AccessDenied.Reason.values()) {
      counts.put(reason, new LongAdder());
    }
  }

  /** Counts a refusal. */
  void count(AccessDenied denied) {
    counts.get(denied.reason()).increment();
  }

  /** Refusals by reason label, every reason present. */
  Map<String, Long> byReason() {
    Map<String, Long> json = new LinkedHashMap<>();
    counts.forEach((reason, count) -> json.put(reason.label(), count.sum()));
    return json;
  }

  void register(PrometheusRegistry registry) {
    CounterWithCallback.builder().name("corral_auth_refusals_total")
        .help("Requests refused by access control, by reason (missing, malformed, invalid, expired, revoked, scope; "
            + "busy: the key could not be checked in time, answered 503; csrf: a session's change without its token; "
            + "throttled: a sign-in while its user name or address is locked; a failed sign-in counts as invalid)")
        .labelNames("reason")
        .callback(callback -> counts.forEach((reason, count) -> callback.call(count.sum(), reason.label())))
        .register(registry);
  }
}
