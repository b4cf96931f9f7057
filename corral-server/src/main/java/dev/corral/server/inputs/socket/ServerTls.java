package dev.corral.server.inputs.socket;

import dev.corral.server.tls.ReloadingTls;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The TLS side of a TCP listener.
 *
 * @param source the key source: the context with the server's certificate and key (reloaded when the files change)
 *     and, with a client CA, the trust managers that check client certificates against it; and the protocols and
 *     cipher suites to enable
 */
public record ServerTls(ReloadingTls source) {
  public ServerTls {
    Objects.requireNonNull(source, "source");
  }

  /** The context listeners create their server sockets from. */
  public SSLContext context() {
    return source.context();
  }

  /** The PEM file of the CA whose client certificates are required, for logs and stats; null when none is. */
  public Path clientCa() {
    return source.files().clientCa();
  }

  /** Whether every client must present a certificate the context trusts. */
  public boolean clientCertificateRequired() {
    return source.clientCertificateRequired();
  }
}
