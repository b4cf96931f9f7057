package dev.corral.server.config;

import dev.corral.server.auth.KeyLimits;
import dev.corral.server.ingest.ServiceQuota;
import dev.corral.server.ingest.ServiceQuotas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rate limits: the server-wide defaults of API keys' limits ({@code auth.key_events_per_second},
 * {@code auth.key_queries_per_minute}) and the per-service ingest quotas ({@code
 * ingest.service_quotas}, {@code ingest.service_quota_default}). Every default is 0, no limit.
 *
 * @param keyDefaults the limits of a key that sets none of its own
 * @param serviceQuotas the per-service ingest quotas
 */
public record RateLimitSection(KeyLimits keyDefaults, ServiceQuotas serviceQuotas) {
  /** The fields an entry of {@code ingest.service_quotas} may have. */
  private static final Set<String> QUOTA_FIELDS = Set.of("service", "events_per_second");

  public RateLimitSection {
    Objects.requireNonNull(keyDefaults, "keyDefaults");
    Objects.requireNonNull(serviceQuotas, "serviceQuotas");
  }

  /** Reads and validates the rate-limit settings. */
  public static RateLimitSection from(ConfigValues values) {
    KeyLimits defaults = new KeyLimits(
        values.integer(Settings.AUTH_KEY_EVENTS_PER_SECOND, 0, (int) KeyLimits.MAX_EVENTS_PER_SECOND),
        values.integer(Settings.AUTH_KEY_QUERIES_PER_MINUTE, 0, (int) KeyLimits.MAX_QUERIES_PER_MINUTE));
    long quotaDefault = values.integer(Settings.INGEST_SERVICE_QUOTA_DEFAULT, 0, (int) ServiceQuota.MAX_EVENTS_PER_SECOND);
    return new RateLimitSection(defaults, new ServiceQuotas(quotas(values), quotaDefault));
  }

  private static List<ServiceQuota> quotas(ConfigValues values) {
    List<ServiceQuota> quotas = new ArrayList<>();
    List<Map<String, String>> entries = values.maps(Settings.INGEST_SERVICE_QUOTAS);
    for (int i = 0; i < entries.size(); i++) {
      Map<String, String> entry = entries.get(i);
      String place = "ingest.service_quotas[" + i + "] (from " + values.source(Settings.INGEST_SERVICE_QUOTAS) + ")";
      for (String field : entry.keySet()) {
        if (!QUOTA_FIELDS.contains(field)) {
          throw new ConfigException(place + " has the unknown field '" + field + "'; use service and events_per_second");
        }
      }
      String service = entry.get("service");
      String rate = entry.get("events_per_second");
      if (service == null || rate == null) {
        throw new ConfigException(place + " needs service and events_per_second, e.g. {service: \"payment-*\", "
            + "events_per_second: 5000}");
      }
      try {
        quotas.add(new ServiceQuota(service.trim(), Long.parseLong(rate.trim())));
      } catch (NumberFormatException e) {
        throw new ConfigException(place + ": events_per_second '" + rate + "' is not a whole number");
      } catch (IllegalArgumentException e) {
        throw new ConfigException(place + ": " + e.getMessage());
      }
    }
    return quotas;
  }
}
