package dev.corral.server.ingest;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One per-service ingest quota: every service whose name matches {@code service} (a name, or a glob
 * where {@code *} stands for any characters, as in a key's services) may store at most {@code
 * eventsPerSecond}, each matching service on its own bucket.
 *
 * @param service a service name or glob: letters, digits, {@code . _ - /} and {@code *}
 * @param eventsPerSecond events per second each matching service may store; 0 for no limit
 */
public record ServiceQuota(String service, long eventsPerSecond) {
  /** The characters of service names plus {@code *}, as a key's service globs. */
  private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9._*/-]{1,200}");
  /** Ten million events per second is far beyond one server: a larger figure is a typo. */
  public static final long MAX_EVENTS_PER_SECOND = 10_000_000;

  public ServiceQuota {
    Objects.requireNonNull(service, "service");
    if (!GLOB.matcher(service).matches()) {
      throw new IllegalArgumentException("service '" + service
          + "' is not a service name or glob (1..200 of letters, digits, . _ - / and *)");
    }
    if (eventsPerSecond < 0 || eventsPerSecond > MAX_EVENTS_PER_SECOND) {
      throw new IllegalArgumentException("events_per_second of service '" + service + "' is " + eventsPerSecond
          + ", must be 0 (no limit) to " + MAX_EVENTS_PER_SECOND);
    }
  }

  /** Whether {@code name} matches this quota's name or glob. */
  public boolean matches(String name) {
    return globMatches(service, 0, name, 0);
  }

  private static boolean globMatches(String glob, int g, String name, int n) {
    if (g == glob.length()) {
      return n == name.length();
    }
    if (glob.charAt(g) == '*') {
      for (int rest = n; rest <= name.length(); rest++) {
        if (globMatches(glob, g + 1, name, rest)) {
          return true;
        }
      }
      return false;
    }
    return n < name.length() && glob.charAt(g) == name.charAt(n) && globMatches(glob, g + 1, name, n + 1);
  }
}
