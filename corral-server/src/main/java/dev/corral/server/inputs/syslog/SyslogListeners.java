package dev.corral.server.inputs.syslog;

import dev.corral.server.inputs.socket.ServerTls;
import dev.corral.server.inputs.socket.SourceAllowlist;
import dev.corral.server.inputs.socket.TcpLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import dev.corral.server.tls.ListenerTls;
import dev.corral.server.tls.TlsOverride;

/**
 * Where the syslog listeners bind and with what limits. A port of -1 turns that listener off, 0
 * picks a free one.
 *
 * @param tlsCert PEM certificate chain of the TLS listener, or null
 * @param tlsKey PEM PKCS#8 key of the TLS listener, or null
 * @param tlsKeystore PKCS#12 keystore of the TLS listener (instead of cert and key), or null
 * @param tlsClientCa PEM file of the CA whose client certificates the TLS listener requires, or null for none
 * @param sources who may connect or send without a client certificate
 * @param sharedTls the shared {@code tls.*} key source, used where the {@code syslog.tls_*} files are unset
 */
public record SyslogListeners(String host, int udpPort, int tcpPort, int tlsPort, Path tlsCert, Path tlsKey,
    Path tlsKeystore, String tlsKeystorePassword, Path tlsClientCa, TcpLimits tcpLimits, SourceAllowlist sources, ListenerTls sharedTls) {
  public SyslogListeners {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(tlsKeystorePassword, "tlsKeystorePassword");
    Objects.requireNonNull(tcpLimits, "tcpLimits");
    Objects.requireNonNull(sharedTls, "sharedTls");
  }

  /**
   * The TLS listener's TLS side: from the keystore when one is given, else from the PEM files, else the shared
   * {@code tls.*} source, trusting client certificates of {@link #tlsClientCa()} when set.
   */
  ServerTls tls() throws IOException {
    TlsOverride own = new TlsOverride(tlsCert, tlsKey, tlsKeystore, tlsKeystorePassword, tlsClientCa, "syslog.tls_");
    return new ServerTls(sharedTls.forListener(own).orElseThrow(() -> new IOException(
        "syslog.tls_port is set but no certificate is: set syslog.tls_cert and syslog.tls_key, syslog.tls_keystore, "
            + "or the shared tls.cert and tls.key")));
  }
}
