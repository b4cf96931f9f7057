package dev.corral.server.inputs.syslog;

import dev.corral.server.inputs.socket.ServerTls;
import dev.corral.server.inputs.socket.SourceAllowlist;
import dev.corral.server.inputs.socket.TcpLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Where the syslog listeners bind and with what limits. A port of -1 turns that listener off, 0
 * picks a free one.
 *
 * @param tlsCert PEM certificate chain of the TLS listener, or null
 * @param tlsKey PEM PKCS#8 key of the TLS listener, or null
 * @param tlsKeystore PKCS#12 keystore of the TLS listener (instead of cert and key), or null
 * @param tlsClientCa PEM file of the CA whose client certificates the TLS listener requires, or null for none
 * @param sources who may connect or send without a client certificate
 */
public record SyslogListeners(String host, int udpPort, int tcpPort, int tlsPort, Path tlsCert, Path tlsKey,
    Path tlsKeystore, String tlsKeystorePassword, Path tlsClientCa, TcpLimits tcpLimits, SourceAllowlist sources) {
  public SyslogListeners {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(tlsKeystorePassword, "tlsKeystorePassword");
    Objects.requireNonNull(tcpLimits, "tcpLimits");
  }

  /**
   * The TLS listener's TLS side: its context, from the keystore when one is given, else from the PEM
   * files, trusting client certificates of {@link #tlsClientCa()} when set.
   */
  ServerTls tls() throws IOException {
    SSLContext context = tlsKeystore != null
        ? TlsContexts.fromPkcs12(tlsKeystore, tlsKeystorePassword.toCharArray(), tlsClientCa)
        : TlsContexts.fromPem(tlsCert, tlsKey, tlsClientCa);
    return new ServerTls(context, tlsClientCa);
  }
}
