package dev.corral.opensearch.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How {@link OpenSearchClient} reaches a cluster.
 *
 * @param urls the cluster's base URLs ({@code http(s)://host:port}), tried in order: the next one
 *     takes over when one cannot be reached. Never with credentials inside (use {@code username}).
 * @param username basic-auth user, or null for a cluster without authentication
 * @param password basic-auth password, or null; never appears in a message, a log line or {@link #toString()}
 * @param caFile the CA certificate(s) to trust for {@code https} URLs, PEM ({@code .pem}, {@code .crt})
 *     or a password-less PKCS#12/JKS truststore; null trusts the JDK's default CAs
 * @param verifyHostname whether the server certificate must name the host (on unless a test or a
 *     cluster addressed by IP needs it off)
 * @param connectTimeout how long to wait for a TCP (and TLS) connection before the next URL
 * @param requestTimeout how long one request may take before it counts as failed
 */
public record ClientSettings(List<URI> urls, String username, String password, Path caFile, boolean verifyHostname,
    Duration connectTimeout, Duration requestTimeout) {
  /** A node that does not accept a connection within 5 s is down or unreachable for our purposes. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** A 5 MB bulk request on a busy node takes seconds; a minute means it is stuck. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  public ClientSettings {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("store.opensearch.urls: at least one URL is required");
    }
    for (URI url : urls) {
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (url.getRawUserInfo() != null) {
        throw new IllegalArgumentException("store.opensearch.urls: " + withoutUserInfo(url)
            + " carries credentials in the URL; set store.opensearch.username and store.opensearch.password instead");
      }
      if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
        throw new IllegalArgumentException("store.opensearch.urls: '" + url + "' is not an http(s)://host:port URL");
      }
    }
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("store.opensearch.username and store.opensearch.password go together; only "
          + (username == null ? "password" : "username") + " is set");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive: connect " + connectTimeout + ", request " + requestTimeout);
    }
  }

  /** Plain settings for {@code urls}: no authentication, default TLS and timeouts. */
  public static ClientSettings of(List<URI> urls) {
    return new ClientSettings(urls, null, null, null, true, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  /** Parses {@code store.opensearch.urls}: comma-separated, blanks ignored. */
  public static List<URI> parseUrls(String commaSeparated) {
    return java.util.Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .map(s -> URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s)).toList();
  }

  /** These settings with basic-auth credentials. */
  public ClientSettings withCredentials(String user, String secret) {
    return new ClientSettings(urls, user, secret, caFile, verifyHostname, connectTimeout, requestTimeout);
  }

  /** These settings with a CA file and hostname verification on or off. */
  public ClientSettings withTls(Path ca, boolean verify) {
    return new ClientSettings(urls, username, password, ca, verify, connectTimeout, requestTimeout);
  }

  /** These settings with other timeouts. */
  public ClientSettings withTimeouts(Duration connect, Duration request) {
    return new ClientSettings(urls, username, password, caFile, verifyHostname, connect, request);
  }

  @Override
  public String toString() {
    return "ClientSettings[urls=" + urls + ", username=" + username + ", password=" + (password == null ? "none" : "***")
        + ", caFile=" + caFile + ", verifyHostname=" + verifyHostname + ", connectTimeout=" + connectTimeout
        + ", requestTimeout=" + requestTimeout + "]";
  }

  private static String withoutUserInfo(URI url) {
    return url.getScheme() + "://***@" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }
}
