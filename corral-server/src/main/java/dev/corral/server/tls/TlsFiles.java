package dev.corral.server.tls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where one listener's (or all listeners') key material lives: a PEM certificate chain and its PKCS#8 key, or a
 * PKCS#12 keystore, and optionally the PEM file of the CA(s) whose client certificates are required.
 *
 * @param cert PEM certificate chain (server certificate first), or null when {@code keystore} is used
 * @param key PEM PKCS#8 key of {@code cert}, or null when {@code keystore} is used
 * @param keystore PKCS#12 file with the key and its chain (instead of {@code cert} and {@code key}), or null
 * @param keystorePassword password of {@code keystore} (and of its key); empty for none
 * @param clientCa PEM file of the CA(s) client certificates must chain to, or null when none is asked for
 * @param settings the prefix of the settings these files come from, for errors: {@code tls.}, {@code syslog.tls_},
 *     {@code beats.tls_}
 */
public record TlsFiles(Path cert, Path key, Path keystore, String keystorePassword, Path clientCa, String settings) {
  public TlsFiles {
    Objects.requireNonNull(keystorePassword, "keystorePassword");
    Objects.requireNonNull(settings, "settings");
    if (keystore == null && (cert == null || key == null)) {
      throw new IllegalArgumentException(settings + "cert and " + settings + "key go together (or " + settings
          + "keystore alone): got " + (cert == null ? "no certificate" : "no key"));
    }
    if (keystore != null && (cert != null || key != null)) {
      throw new IllegalArgumentException(settings + "keystore " + keystore + " and " + settings + "cert/" + settings
          + "key are alternatives: set one of them");
    }
  }

  /** PEM certificate and key, no client certificates. */
  public static TlsFiles pem(Path cert, Path key, String settings) {
    return new TlsFiles(cert, key, null, "", null, settings);
  }

  /** The full name of setting {@code name} of this prefix, e.g. {@code tls.cert} or {@code syslog.tls_cert}. */
  public String setting(String name) {
    return settings + name;
  }

  /** Whether clients must present a certificate signed by {@link #clientCa()}. */
  public boolean clientCertificateRequired() {
    return clientCa != null;
  }

  /** Every file the material is read from, in the order they are read; a change in any of them reloads. */
  public List<Path> files() {
    List<Path> files = new ArrayList<>();
    if (keystore != null) {
      files.add(keystore);
    } else {
      files.add(cert);
      files.add(key);
    }
    if (clientCa != null) {
      files.add(clientCa);
    }
    return List.copyOf(files);
  }

  /** For logs: the certificate (or keystore) file. */
  public Path describe() {
    return keystore != null ? keystore : cert;
  }
}
