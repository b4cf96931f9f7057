package dev.corral.server.config;

import dev.corral.server.inputs.socket.TcpLimits;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Ports and limits of the socket inputs. A port of -1 turns that listener off, 0 picks a free one.
 *
 * @param tlsCert PEM certificate chain of the syslog TLS listener, or null
 * @param tlsKey PEM PKCS#8 key of the syslog TLS listener, or null
 * @param tlsKeystore PKCS#12 keystore of the syslog TLS listener (instead of cert and key), or null
 */
public record SocketInputsConfig(int syslogUdpPort, int syslogTcpPort, int syslogTlsPort, Path tlsCert, Path tlsKey,
    Path tlsKeystore, String tlsKeystorePassword, int gelfUdpPort, int gelfTcpPort, int fluentPort,
    TcpLimits tcpLimits) {
  public SocketInputsConfig {
    Objects.requireNonNull(tlsKeystorePassword, "tlsKeystorePassword");
    Objects.requireNonNull(tcpLimits, "tcpLimits");
  }

  static SocketInputsConfig from(ConfigValues values) {
    SocketInputsConfig sockets = new SocketInputsConfig(
        values.integer(Settings.SYSLOG_UDP_PORT, -1, 65535),
        values.integer(Settings.SYSLOG_TCP_PORT, -1, 65535),
        values.integer(Settings.SYSLOG_TLS_PORT, -1, 65535),
        path(values, Settings.SYSLOG_TLS_CERT),
        path(values, Settings.SYSLOG_TLS_KEY),
        path(values, Settings.SYSLOG_TLS_KEYSTORE),
        values.text(Settings.SYSLOG_TLS_KEYSTORE_PASSWORD),
        values.integer(Settings.GELF_UDP_PORT, -1, 65535),
        values.integer(Settings.GELF_TCP_PORT, -1, 65535),
        values.integer(Settings.FLUENT_PORT, -1, 65535),
        new TcpLimits(values.integer(Settings.SOCKETS_MAX_CONNECTIONS, 1, 1_000_000),
            values.duration(Settings.SOCKETS_IDLE_TIMEOUT, java.time.Duration.ofSeconds(1), java.time.Duration.ofDays(1))));
    if (sockets.syslogTlsPort() >= 0 && sockets.tlsKeystore() == null
        && (sockets.tlsCert() == null || sockets.tlsKey() == null) && !TlsSection.configured(values)) {
      throw new ConfigException("syslog.tls_port is " + sockets.syslogTlsPort() + " but no certificate is configured: "
          + "set syslog.tls_cert and syslog.tls_key (PEM), syslog.tls_keystore (PKCS#12), or the shared tls.cert and "
          + "tls.key");
    }
    return sockets;
  }

  private static Path path(ConfigValues values, Setting setting) {
    String text = values.text(setting).trim();
    return text.isEmpty() ? null : Path.of(text);
  }
}
