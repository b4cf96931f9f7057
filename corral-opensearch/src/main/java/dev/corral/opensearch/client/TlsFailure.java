package dev.corral.opensearch.client;

import java.net.URI;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * What a failed TLS connection to a node means for Corral's settings, for the message that names the
 * node as unreachable: the certificate is not signed by a CA the client trusts ({@code
 * store.opensearch.ca_file}), or it does not name the host of the URL ({@code
 * store.opensearch.verify_hostname}), or some other handshake failure, quoted. Stateless.
 */
final class TlsFailure {
  /** What the JDK's trust manager says when no trusted CA signed the chain. */
  private static final String UNTRUSTED = "PKIX path";
  /** What the JDK's host name check says ("No subject alternative DNS name matching x found."). */
  private static final String MISNAMED = "subject alternative";

  private TlsFailure() {}

  /**
   * "TLS handshake with host failed: ..." with the setting to look at, when {@code failure} or one of
   * its causes is a TLS error; empty for any other failure.
   */
  static Optional<String> describe(URI url, Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException tls) {
        String message = String.valueOf(tls.getMessage());
        return Optional.of("TLS handshake with " + url.getHost() + " failed: "
            + (message.endsWith(".") ? message.substring(0, message.length() - 1) : message) + hint(message, url));
      }
    }
    return Optional.empty();
  }

  private static String hint(String message, URI url) {
    if (message.contains(UNTRUSTED)) {
      return "; the certificate is not signed by a trusted CA: set store.opensearch.ca_file to the CA that signed it";
    }
    if (message.contains(MISNAMED)) {
      return "; the certificate does not name " + url.getHost() + ": use the host name it was issued for, or set "
          + "store.opensearch.verify_hostname: false";
    }
    return "";
  }
}
