package dev.corral.server.alerts.notify;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One channel of {@code channels.yaml}, validated: where its messages go and with which credentials. Secrets
 * ({@code ${ENV_VAR}} already resolved) never leave this record except on the wire to the channel's own target.
 */
sealed interface ChannelConfig {
  /** The channel's name, unique in the file; what rules list under {@code channels:}. */
  String name();

  /** What kind of channel it is. */
  ChannelType type();

  /** Where messages go, without path, query or credentials (a Slack URL's path is its secret): host and port. */
  String target();

  /** The {@code host:port} of {@code url}, the port explicit only when the URL gives one. */
  private static String hostOf(URI url) {
    return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
  }

  /**
   * A generic webhook: the notification as Corral's JSON, signed with HMAC-SHA256 when a secret is set.
   *
   * @param secret the HMAC key; empty for no signature
   * @param headers extra request headers (e.g. an Authorization), sent as they are
   */
  record Webhook(String name, URI url, String secret, Map<String, String> headers) implements ChannelConfig {
    public Webhook {
      Objects.requireNonNull(url, "url");
      secret = secret == null ? "" : secret;
      headers = Map.copyOf(headers);
    }

    @Override
    public ChannelType type() {
      return ChannelType.WEBHOOK;
    }

    @Override
    public String target() {
      return hostOf(url);
    }
  }

  /** A Slack incoming webhook: Block Kit blocks. */
  record Slack(String name, URI url) implements ChannelConfig {
    public Slack {
      Objects.requireNonNull(url, "url");
    }

    @Override
    public ChannelType type() {
      return ChannelType.SLACK;
    }

    @Override
    public String target() {
      return hostOf(url);
    }
  }

  /**
   * PagerDuty's Events API v2: one trigger or resolve event per alert instance.
   *
   * @param routingKey the integration key of the PagerDuty service
   * @param severities Corral severity to PagerDuty severity, over the built-in mapping
   */
  record PagerDuty(String name, URI url, String routingKey, Map<String, String> severities) implements ChannelConfig {
    public PagerDuty {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(routingKey, "routingKey");
      severities = Map.copyOf(severities);
    }

    @Override
    public ChannelType type() {
      return ChannelType.PAGERDUTY;
    }

    @Override
    public String target() {
      return hostOf(url);
    }
  }

  /**
   * Prometheus Alertmanager's v2 API.
   *
   * @param url the Alertmanager's base URL; messages go to {@code url + /api/v2/alerts}
   * @param headers extra request headers (e.g. an Authorization for a proxy in front of it)
   */
  record Alertmanager(String name, URI url, Map<String, String> headers) implements ChannelConfig {
    public Alertmanager {
      Objects.requireNonNull(url, "url");
      headers = Map.copyOf(headers);
    }

    @Override
    public ChannelType type() {
      return ChannelType.ALERTMANAGER;
    }

    @Override
    public String target() {
      return hostOf(url);
    }

    /** Where alerts are posted. */
    public URI alertsUrl() {
      String base = url.toString();
      if (base.endsWith("/api/v2/alerts")) {
        return url;
      }
      return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v2/alerts");
    }
  }

  /**
   * Email over SMTP.
   *
   * @param security {@code starttls} (the default: upgrade or fail), {@code tls} (implicit TLS, SMTPS) or {@code none}
   * @param username empty for no authentication
   * @param caFile a PEM file of the CA certificates to trust instead of the JVM's, empty for the JVM's
   */
  record Email(String name, String host, int port, String security, String from, List<String> to, String username,
      String password, String caFile) implements ChannelConfig {
    public Email {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(security, "security");
      Objects.requireNonNull(from, "from");
      to = List.copyOf(to);
      username = username == null ? "" : username;
      password = password == null ? "" : password;
      caFile = caFile == null ? "" : caFile;
    }

    @Override
    public ChannelType type() {
      return ChannelType.EMAIL;
    }

    @Override
    public String target() {
      return host + ":" + port;
    }
  }
}
