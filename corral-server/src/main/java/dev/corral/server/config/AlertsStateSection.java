package dev.corral.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code alerts.*} settings of alerting's state (docs/alerting-states.md).
 *
 * @param publicUrl the server's URL as a responder's browser reaches it, without a trailing slash,
 *     the base of the links in notifications; empty for the server's own URL ({@code http://localhost:<port>})
 * @param resolvedRetention how long a resolved instance (and an expired silence) stays listed
 */
public record AlertsStateSection(String publicUrl, Duration resolvedRetention) {
  /** A resolved instance is listed at least a minute: long enough to be seen on the next refresh. */
  public static final Duration MIN_RESOLVED_RETENTION = Duration.ofMinutes(1);
  /** At most 30 days: the history events keep what is older, searchable. */
  public static final Duration MAX_RESOLVED_RETENTION = Duration.ofDays(30);

  public AlertsStateSection {
    Objects.requireNonNull(publicUrl, "publicUrl");
    Objects.requireNonNull(resolvedRetention, "resolvedRetention");
  }

  /** Reads and validates the {@code alerts.*} settings of the state. */
  public static AlertsStateSection from(ConfigValues values) {
    String url = values.text(Settings.ALERTS_PUBLIC_URL).trim();
    if (!url.isEmpty()) {
      checkUrl(url, values);
    }
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    return new AlertsStateSection(url,
        values.duration(Settings.ALERTS_RESOLVED_RETENTION, MIN_RESOLVED_RETENTION, MAX_RESOLVED_RETENTION));
  }

  private static void checkUrl(String url, ConfigValues values) {
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new URISyntaxException(url, "not an absolute http or https URL");
      }
    } catch (URISyntaxException e) {
      throw new ConfigException("setting alerts.public_url = '" + url + "' (from "
          + values.source(Settings.ALERTS_PUBLIC_URL) + ") is not an absolute http(s) URL such as "
          + "https://corral.example.com: " + e.getMessage());
    }
  }
}
