package dev.corral.server.alerts.notify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS sockets that trust only the CA certificates of one PEM file (a company's own CA in front of a private SMTP
 * relay) instead of the JVM's trust store. Host names are still checked by the caller. Stateless.
 */
final class TrustedCertificates {
  private TrustedCertificates() {}

  /**
   * A socket factory trusting exactly the certificates in {@code pemFile}.
   *
   * @throws InvalidChannelException when the file cannot be read or holds no certificate
   */
  static SSLSocketFactory socketFactory(String field, Path pemFile) throws InvalidChannelException {
    try (InputStream in = Files.newInputStream(pemFile)) {
      Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
          .generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new InvalidChannelException(field, "'" + pemFile + "' holds no PEM certificate");
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int index = 0;
      for (Certificate certificate : certificates) {
        trusted.setCertificateEntry("ca-" + index++, certificate);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException e) {
      throw new InvalidChannelException(field, "'" + pemFile + "' cannot be read: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new InvalidChannelException(field, "'" + pemFile + "' is not a PEM certificate file: " + e.getMessage());
    }
  }
}
