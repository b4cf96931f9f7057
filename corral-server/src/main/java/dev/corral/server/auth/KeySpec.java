package dev.corral.server.auth;

import dev.corral.server.text.Excerpt;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a new API key may do, as its creator asks for it (CLI or admin API), validated.
 *
 * @param name a human name for lists and logs (1..{@value #MAX_NAME_CHARS} characters, no control characters)
 * @param scope what it may do
 * @param services service globs (e.g. {@code payment-*}) its reads are restricted to; only for a read key
 * @param filter a free query-language filter its reads are restricted to instead, or {@code null}; only for a read key
 * @param expires when it stops working, or {@code null} for never
 * @param limits its own rate limits ({@link KeyLimits#NONE}: the server's defaults); events per second
 *     only for an ingest or admin key, queries per minute only for a read or admin key
 */
public record KeySpec(String name, Scope scope, List<String> services, String filter, Instant expires,
    KeyLimits limits) {
  /** Names are labels in a list, not documents. */
  public static final int MAX_NAME_CHARS = 100;
  /** A read restriction is a short filter; a long one is a mistake. */
  public static final int MAX_FILTER_CHARS = 1000;
  /** A service glob: the characters of service names plus {@code *}, so it cannot change the filter's meaning. */
  private static final Pattern SERVICE_GLOB = Pattern.compile("[A-Za-z0-9._*/-]{1,200}");

  public KeySpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
    limits = limits == null ? KeyLimits.NONE : limits;
    services = services == null ? List.of() : List.copyOf(services);
    name = name.strip();
    if (name.isEmpty() || name.length() > MAX_NAME_CHARS || name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("key name must be 1.." + MAX_NAME_CHARS
          + " characters without control characters, got '" + Excerpt.header(name) + "'");
    }
    checkServiceGlobs(services);
    if (filter != null && (filter.isBlank() || filter.length() > MAX_FILTER_CHARS)) {
      throw new IllegalArgumentException("filter must be 1.." + MAX_FILTER_CHARS + " characters");
    }
    if (filter != null && !services.isEmpty()) {
      throw new IllegalArgumentException("give services or a filter, not both");
    }
    if ((filter != null || !services.isEmpty()) && scope != Scope.READ) {
      throw new IllegalArgumentException("services and filter restrict reads: only a read key takes them, not "
          + scope.name().toLowerCase(java.util.Locale.ROOT));
    }
    limits.checkFor(scope);
  }

  /** A key without limits of its own. */
  public KeySpec(String name, Scope scope, List<String> services, String filter, Instant expires) {
    this(name, scope, services, filter, expires, KeyLimits.NONE);
  }

  /**
   * The filter the key's reads are restricted to: {@code service:a OR service:b-*} for services,
   * the free filter as given, or {@code null} for none.
   */
  public String readFilter() {
    if (filter != null) {
      return filter;
    }
    return serviceFilter(services);
  }

  /**
   * Checks service globs (letters, digits, {@code . _ - /} and {@code *}, so none can change the
   * meaning of the filter built from them).
   *
   * @throws IllegalArgumentException naming the first that is not one
   */
  static void checkServiceGlobs(List<String> services) {
    for (String service : services) {
      if (!SERVICE_GLOB.matcher(service).matches()) {
        throw new IllegalArgumentException("service '" + Excerpt.header(service)
            + "' is not a service name or glob (letters, digits, . _ - / and *)");
      }
    }
  }

  /** {@code service:a OR service:b-*} for checked service globs, or {@code null} for none. */
  static String serviceFilter(List<String> services) {
    return services.isEmpty() ? null : services.stream().map(s -> "service:" + s).collect(Collectors.joining(" OR "));
  }
}
