package dev.corral.server.config;

import dev.corral.server.tls.TlsOverride;
import java.nio.file.Path;

/**
 * The {@code beats.*} settings: the port of the Beats (Lumberjack v2) input and its TLS files. With a certificate and
 * key the port speaks TLS only; with a client CA as well, every client must present a certificate that CA signed and
 * is then admitted from any source. Without a client CA, a connection is admitted by {@code inputs.allowed_sources}
 * like syslog's. A port of -1 turns the input off, 0 picks a free one.
 *
 * @param port {@code beats.port}
 * @param tlsCert PEM certificate chain, or null for plain TCP
 * @param tlsKey PEM PKCS#8 key of {@code tlsCert}, or null
 * @param tlsClientCa PEM file of the CA(s) whose client certificates are required, or null for none
 */
public record BeatsSection(int port, Path tlsCert, Path tlsKey, Path tlsClientCa) {
  public BeatsSection {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new ConfigException("beats.tls_cert and beats.tls_key go together: set both (PEM certificate and PKCS#8 "
          + "key) for TLS, or neither for plain TCP; got " + (tlsCert == null ? "only beats.tls_key " + tlsKey
              : "only beats.tls_cert " + tlsCert));
    }
  }

  /** Reads {@code beats.port}, {@code beats.tls_cert}, {@code beats.tls_key} and {@code beats.tls_client_ca}. */
  public static BeatsSection from(ConfigValues values) {
    BeatsSection beats = new BeatsSection(values.integer(Settings.BEATS_PORT, -1, 65535),
        path(values, Settings.BEATS_TLS_CERT), path(values, Settings.BEATS_TLS_KEY),
        path(values, Settings.BEATS_TLS_CLIENT_CA));
    if (beats.tlsClientCa() != null && beats.tlsCert() == null && !TlsSection.configured(values)) {
      throw new ConfigException("beats.tls_client_ca is set (" + beats.tlsClientCa() + ") but beats.tls_cert and "
          + "beats.tls_key are not, nor the shared tls.cert: client certificates need TLS");
    }
    return beats;
  }

  /** The {@code beats.tls_*} files, each overriding the shared {@code tls.*} one. */
  public TlsOverride tlsOverride() {
    return new TlsOverride(tlsCert, tlsKey, null, "", tlsClientCa, "beats.tls_");
  }

  /** Whether the Beats port speaks TLS. */
  public boolean tls() {
    return tlsCert != null;
  }

  private static Path path(ConfigValues values, Setting setting) {
    String text = values.text(setting).trim();
    return text.isEmpty() ? null : Path.of(text);
  }
}
