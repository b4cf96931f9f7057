package dev.corral.server.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One alert instance as a notification reports it.
 *
 * @param group the instance's group values (empty for a rule with one instance)
 * @param labels the rule's labels plus the group values: what receivers route on
 * @param status {@code firing} or {@code resolved}
 * @param value the last value the condition judged
 * @param startsAt when the instance started firing
 * @param endsAt when it resolved; null while firing
 * @param dedupKey stable for the instance's whole life (rule + group): PagerDuty's {@code dedup_key},
 *     Alertmanager's identity, a webhook receiver's key
 * @param searchLink an absolute link to Search with the rule's query over the alert's time range
 * @param traceLink an absolute link to the trace view of the worst trace (trace rules), null otherwise
 * @param details the observation's details, JSON-ready
 */
public record NotifiedAlert(Map<String, String> group, Map<String, String> labels, String status, double value,
    Instant startsAt, Instant endsAt, String dedupKey, String searchLink, String traceLink,
    Map<String, Object> details) {
  public NotifiedAlert {
    group = Map.copyOf(Objects.requireNonNull(group, "group"));
    labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(dedupKey, "dedupKey");
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  /** Whether the instance is firing (else it resolved). */
  public boolean firing() {
    return status.equals("firing");
  }
}
