package dev.corral.server.ingest;

import dev.corral.server.limits.Rate;
import java.util.List;

/**
 * The per-service ingest quotas ({@code ingest.service_quotas}, {@code ingest.service_quota_default}):
 * the first quota whose glob matches a service gives its rate, the default the rate of every other
 * service. Immutable.
 *
 * @param quotas in order; the first match wins
 * @param defaultEventsPerSecond events per second of a service no quota matches, 0 for no limit
 */
public record ServiceQuotas(List<ServiceQuota> quotas, long defaultEventsPerSecond) {
  /** No quotas: every service unlimited. */
  public static final ServiceQuotas NONE = new ServiceQuotas(List.of(), 0);

  public ServiceQuotas {
    quotas = List.copyOf(quotas);
    if (defaultEventsPerSecond < 0 || defaultEventsPerSecond > ServiceQuota.MAX_EVENTS_PER_SECOND) {
      throw new IllegalArgumentException("the default service quota is " + defaultEventsPerSecond
          + " events/s, must be 0 (no limit) to " + ServiceQuota.MAX_EVENTS_PER_SECOND);
    }
  }

  /** The rate {@code service} may store at; {@link Rate#UNLIMITED} when no quota applies. */
  public Rate rateOf(String service) {
    for (ServiceQuota quota : quotas) {
      if (quota.matches(service)) {
        return Rate.perSecond(quota.eventsPerSecond());
      }
    }
    return Rate.perSecond(defaultEventsPerSecond);
  }

  /** Whether any service has a quota: when none does, the quota step costs nothing. */
  public boolean any() {
    return defaultEventsPerSecond > 0 || quotas.stream().anyMatch(q -> q.eventsPerSecond() > 0);
  }
}
