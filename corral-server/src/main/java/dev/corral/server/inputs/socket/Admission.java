package dev.corral.server.inputs.socket;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Who a TCP listener lets in. Without TLS, or with TLS that asks no client certificate, a
 * connection is admitted by its source address ({@link SourceAllowlist}), checked at accept before
 * a byte is read. With TLS that requires a client certificate, the certificate is the credential:
 * any source may connect, and the handshake (run before the handler reads) fails for a client
 * without a certificate the client CA signed. Immutable.
 *
 * @param sources the source addresses admitted (ignored when client certificates are required)
 * @param tls the TLS side, or null for plain TCP
 */
public record Admission(SourceAllowlist sources, ServerTls tls) {
  public Admission {
    Objects.requireNonNull(sources, "sources");
  }

  /** Plain TCP from the given sources. */
  public static Admission plain(SourceAllowlist sources) {
    return new Admission(sources, null);
  }

  /** Whether a connection from {@code source} may proceed past accept. */
  public boolean admitsAtAccept(InetAddress source) {
    return clientCertificateRequired() || sources.admits(source);
  }

  /** Whether clients are admitted by a certificate rather than by address. */
  public boolean clientCertificateRequired() {
    return tls != null && tls.clientCertificateRequired();
  }

  /** For the start-up log and stats: {@code sources 10.0.0.0/8}, {@code any source}, or the client CA. */
  public String describe() {
    if (clientCertificateRequired()) {
      return "clients with a certificate signed by " + tls.clientCa() + " (any source)";
    }
    return sources.describe();
  }
}
