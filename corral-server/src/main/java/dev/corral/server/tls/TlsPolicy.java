package dev.corral.server.tls;

import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/**
 * Which TLS protocol versions and cipher suites a listener negotiates. {@link #MODERN}, the default, allows TLS 1.3
 * and 1.2 only, with AEAD suites and forward secrecy only (AES-GCM and ChaCha20-Poly1305 over ECDHE); the settings
 * {@code tls.protocols} and {@code tls.cipher_suites} may narrow it, never widen it: TLS 1.1 and older, CBC suites,
 * RSA key exchange and anything weaker are never offered. Immutable.
 *
 * @param protocols the protocol versions, strongest first
 * @param cipherSuites the cipher suites, in order of preference (TLS 1.3 suites and TLS 1.2 suites together)
 */
public record TlsPolicy(List<String> protocols, List<String> cipherSuites) {
  /** The protocol versions allowed at most: TLS 1.3 and 1.2 (1.0 and 1.1 are broken, RFC 8996). */
  public static final List<String> ALLOWED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
  /** The cipher suites allowed at most: AEAD with forward secrecy, as Mozilla's "intermediate" profile. */
  public static final List<String> ALLOWED_CIPHER_SUITES = List.of(
      "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
  /** The default: everything allowed. */
  public static final TlsPolicy MODERN = new TlsPolicy(ALLOWED_PROTOCOLS, ALLOWED_CIPHER_SUITES);

  public TlsPolicy {
    protocols = List.copyOf(protocols);
    cipherSuites = List.copyOf(cipherSuites);
    if (protocols.isEmpty() || cipherSuites.isEmpty()) {
      throw new IllegalArgumentException("a TLS policy needs at least one protocol and one cipher suite");
    }
  }

  /**
   * {@link #MODERN} narrowed to the given protocols and suites; an empty list keeps all allowed.
   *
   * @param settings the settings the lists come from, for errors (e.g. {@code tls.protocols})
   * @throws IllegalArgumentException naming a value that is not allowed, and what is
   */
  public static TlsPolicy narrowed(List<String> protocols, List<String> cipherSuites, String protocolsSetting,
      String cipherSuitesSetting) {
    return new TlsPolicy(subset(protocols, ALLOWED_PROTOCOLS, protocolsSetting),
        subset(cipherSuites, ALLOWED_CIPHER_SUITES, cipherSuitesSetting));
  }

  private static List<String> subset(List<String> chosen, List<String> allowed, String setting) {
    if (chosen.isEmpty()) {
      return allowed;
    }
    for (String one : chosen) {
      if (!allowed.contains(one)) {
        throw new IllegalArgumentException(setting + " names " + one + ", which is not allowed; allowed: "
            + String.join(", ", allowed));
      }
    }
    return List.copyOf(chosen);
  }

  /** Sets this policy's protocols and suites on a listening socket: every connection it accepts uses them. */
  public void applyTo(SSLServerSocket socket) {
    socket.setEnabledProtocols(protocols.toArray(String[]::new));
    socket.setEnabledCipherSuites(cipherSuites.toArray(String[]::new));
  }

  /** Sets this policy's protocols and suites on handshake parameters. */
  public void applyTo(SSLParameters parameters) {
    Objects.requireNonNull(parameters, "parameters");
    parameters.setProtocols(protocols.toArray(String[]::new));
    parameters.setCipherSuites(cipherSuites.toArray(String[]::new));
  }
}
