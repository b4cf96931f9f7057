package dev.corral.server.auth;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What is known of an API key besides its secret: what it may do, since and until when, whether it
 * is revoked, when it was last used. Never holds the secret or its hash; safe to list.
 *
 * @param services the service globs its reads are restricted to (empty for none)
 * @param readFilter the filter its reads are restricted to, or {@code null}
 * @param expires when it stops working, or {@code null} for never
 * @param revoked when it was revoked, or {@code null}
 * @param lastUsed when it was last accepted, to about a minute ({@link ApiKeys#LAST_USED_RESOLUTION}), or {@code null}
 * @param limits its own rate limits, {@link KeyLimits#NONE} for the server's defaults
 */
public record KeyInfo(String id, String name, Scope scope, List<String> services, String readFilter, Instant created,
    Instant expires, Instant revoked, Instant lastUsed, KeyLimits limits) {
  public KeyInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(limits, "limits");
    services = List.copyOf(services);
  }

  /** {@code active}, {@code expired} or {@code revoked} at {@code now}. */
  public String state(Instant now) {
    if (revoked != null) {
      return "revoked";
    }
    return expires != null && !now.isBefore(expires) ? "expired" : "active";
  }

  /** Who a request with this key acts as, with the key's own limits (the server's defaults not applied). */
  public Principal principal() {
    return new Principal(id, name, scope, readFilter, limits);
  }

  /** This key used at {@code when}. */
  KeyInfo usedAt(Instant when) {
    return new KeyInfo(id, name, scope, services, readFilter, created, expires, revoked, when, limits);
  }

  /** This key revoked at {@code when}. */
  KeyInfo revokedAt(Instant when) {
    return new KeyInfo(id, name, scope, services, readFilter, created, expires, when, lastUsed, limits);
  }

  /**
   * The JSON form the admin API and the key file use (times as ISO-8601, absent ones null; limits
   * not set null).
   */
  public Map<String, Object> toJson(Instant now) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("name", name);
    json.put("scope", scope.name().toLowerCase(Locale.ROOT));
    json.put("services", services);
    json.put("read_filter", readFilter);
    json.put("created", created.toString());
    json.put("expires", text(expires));
    json.put("revoked", text(revoked));
    json.put("last_used", text(lastUsed));
    json.put("events_per_second", limits.eventsPerSecond() > 0 ? limits.eventsPerSecond() : null);
    json.put("queries_per_minute", limits.queriesPerMinute() > 0 ? limits.queriesPerMinute() : null);
    json.put("state", state(now));
    return json;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
