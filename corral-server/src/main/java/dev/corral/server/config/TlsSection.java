package dev.corral.server.config;

import dev.corral.server.tls.TlsFiles;
import dev.corral.server.tls.TlsPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code tls.*} settings: the certificate every TCP listener serves with unless its own section overrides it
 * (the HTTP API then speaks HTTPS, OTLP/gRPC, GELF TCP and Fluent forward speak TLS on their ports, the syslog TLS
 * port and Beats use it when {@code syslog.tls_*} / {@code beats.tls_*} name no files), the client CA whose
 * certificates every such listener then requires, the protocol and cipher policy of all TLS listeners, and how
 * often a handshake may look for replaced files.
 *
 * @param files the shared certificate and key (PEM or PKCS#12) and client CA, or null when {@code tls.cert} and
 *     {@code tls.keystore} are unset
 * @param policy TLS 1.3 and 1.2 with AEAD suites, or what {@code tls.protocols} / {@code tls.cipher_suites} narrow it to
 * @param reloadInterval {@code tls.reload_interval}
 */
public record TlsSection(TlsFiles files, TlsPolicy policy, Duration reloadInterval) {
  /** Certificates are replaced rarely; a minute would leave a renewed one unused for long, a second costs nothing. */
  private static final Duration MAX_RELOAD_INTERVAL = Duration.ofHours(1);
  /** The settings prefix of the shared files, for errors. */
  static final String PREFIX = "tls.";

  public TlsSection {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(reloadInterval, "reloadInterval");
  }

  /** Reads and checks the {@code tls.*} settings; the files themselves are read when the server starts. */
  public static TlsSection from(ConfigValues values) {
    Path cert = path(values, Settings.TLS_CERT);
    Path key = path(values, Settings.TLS_KEY);
    Path keystore = path(values, Settings.TLS_KEYSTORE);
    Path clientCa = path(values, Settings.TLS_CLIENT_CA);
    TlsFiles files = null;
    if (cert != null || key != null || keystore != null) {
      try {
        files = new TlsFiles(cert, key, keystore, values.text(Settings.TLS_KEYSTORE_PASSWORD), clientCa, PREFIX);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage());
      }
    } else if (clientCa != null) {
      throw new ConfigException("tls.client_ca is set (" + clientCa + ") but tls.cert and tls.key (or tls.keystore) "
          + "are not: client certificates need TLS");
    }
    TlsPolicy policy;
    try {
      policy = TlsPolicy.narrowed(values.list(Settings.TLS_PROTOCOLS), values.list(Settings.TLS_CIPHER_SUITES),
          Settings.TLS_PROTOCOLS.key(), Settings.TLS_CIPHER_SUITES.key());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    return new TlsSection(files, policy, values.duration(Settings.TLS_RELOAD_INTERVAL,
        dev.corral.server.tls.ReloadingTls.MIN_CHECK_INTERVAL, MAX_RELOAD_INTERVAL));
  }

  /** Whether the shared certificate is configured (the HTTP API serves HTTPS). */
  public boolean enabled() {
    return files != null;
  }

  /** Whether {@code values} name a shared certificate, for sections that need one from somewhere. */
  static boolean configured(ConfigValues values) {
    return path(values, Settings.TLS_CERT) != null || path(values, Settings.TLS_KEYSTORE) != null;
  }

  private static Path path(ConfigValues values, Setting setting) {
    String text = values.text(setting).trim();
    return text.isEmpty() ? null : Path.of(text);
  }
}
