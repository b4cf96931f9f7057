package dev.corral.server.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A listener section's own TLS files (e.g. {@code syslog.tls_*}, {@code beats.tls_*}), each null when the section
 * does not set it: what is set replaces the shared {@code tls.*} value, what is not falls back to it.
 *
 * @param cert PEM certificate chain, or null
 * @param key PEM PKCS#8 key of {@code cert}, or null
 * @param keystore PKCS#12 keystore (instead of cert and key), or null
 * @param keystorePassword password of {@code keystore}; empty for none
 * @param clientCa PEM file of the CA(s) whose client certificates this listener requires, or null
 * @param settings the section's setting prefix, for errors: {@code syslog.tls_}, {@code beats.tls_}
 */
public record TlsOverride(Path cert, Path key, Path keystore, String keystorePassword, Path clientCa,
    String settings) {
  public TlsOverride {
    Objects.requireNonNull(keystorePassword, "keystorePassword");
    Objects.requireNonNull(settings, "settings");
  }

  /** Whether the section names a certificate of its own (PEM or PKCS#12). */
  public boolean hasCertificate() {
    return cert != null || key != null || keystore != null;
  }

  /**
   * The files this listener serves with: its own certificate or else {@code shared}'s, its own client CA or else
   * {@code shared}'s; null when neither names a certificate.
   */
  TlsFiles over(TlsFiles shared) {
    if (hasCertificate()) {
      return new TlsFiles(cert, key, keystore, keystorePassword,
          clientCa != null ? clientCa : shared == null ? null : shared.clientCa(), settings);
    }
    if (shared == null) {
      return null;
    }
    return clientCa == null ? shared
        : new TlsFiles(shared.cert(), shared.key(), shared.keystore(), shared.keystorePassword(), clientCa,
            shared.settings());
  }
}
