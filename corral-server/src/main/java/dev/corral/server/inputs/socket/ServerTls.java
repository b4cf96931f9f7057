package dev.corral.server.inputs.socket;

import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The TLS side of a TCP listener.
 *
 * @param context the server's context: its certificate and key, and, when {@code clientCa} is set,
 *     the trust managers that check client certificates against that CA
 * @param clientCa the PEM file of the CA whose client certificates are required, for logs and
 *     stats; null when no client certificate is asked for
 */
public record ServerTls(SSLContext context, Path clientCa) {
  public ServerTls {
    Objects.requireNonNull(context, "context");
  }

  /** Whether every client must present a certificate the context trusts. */
  public boolean clientCertificateRequired() {
    return clientCa != null;
  }
}
