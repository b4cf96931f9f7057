package dev.corral.opensearch.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS context of the client: trusts the certificates of a CA file (PEM, or a PKCS#12/JKS
 * truststore without password) or the JDK's defaults, and checks that the server's certificate
 * names the host unless told not to. Stateless.
 */
final class TrustedCertificates {
  private TrustedCertificates() {}

  /**
   * The SSL context for {@code caFile} (null: the JDK's default CAs).
   *
   * @throws IOException naming the file when it cannot be read or holds no certificate
   */
  static SSLContext context(Path caFile, boolean verifyHostname) throws IOException {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(caFile == null ? null : trustStore(caFile));
      X509ExtendedTrustManager trust = null;
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager x509) {
          trust = x509;
        }
      }
      if (trust == null) {
        throw new IllegalStateException("BUG: the JDK offers no X509ExtendedTrustManager");
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {verifyHostname ? trust : new ChainOnly(trust)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("store.opensearch.ca_file " + caFile + ": " + e.getMessage(), e);
    }
  }

  private static KeyStore trustStore(Path caFile) throws IOException, GeneralSecurityException {
    String name = caFile.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".jks")) {
      return KeyStore.getInstance(caFile.toFile(), (char[]) null);
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(caFile)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (CertificateException e) {
      throw new IOException("store.opensearch.ca_file " + caFile + " is not a PEM certificate file: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IOException("store.opensearch.ca_file " + caFile + " holds no certificate");
    }
    int i = 0;
    for (Certificate certificate : certificates) {
      store.setCertificateEntry("ca-" + i++, certificate);
    }
    return store;
  }

  /**
   * Checks the chain against the trusted CAs but not the host name: the engine-less checks of the
   * JDK's trust manager do no endpoint identification.
   */
  private static final class ChainOnly extends X509ExtendedTrustManager {
    private final X509TrustManager delegate;

    ChainOnly(X509TrustManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}
