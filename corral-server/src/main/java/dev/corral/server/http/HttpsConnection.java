package dev.corral.server.http;

import dev.corral.server.tls.ReloadingTls;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * How the HTTP API speaks HTTPS: Jetty's TLS connection over the shared {@link ReloadingTls} context (a replaced
 * certificate serves the next handshake), with its protocols and cipher suites only, client certificates required
 * when a client CA is configured, and requests marked secure. The port then speaks HTTPS only: a plain HTTP request
 * fails the handshake.
 */
final class HttpsConnection {
  private HttpsConnection() {}

  /** The TLS side of the connector, handing decrypted bytes to HTTP/1.1. */
  static SslConnectionFactory sslFactory(ReloadingTls tls) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setSslContext(tls.context());
    // Jetty's own exclusions first drop weak protocols and suites; ours then name exactly what is allowed.
    ssl.setIncludeProtocols(tls.policy().protocols().toArray(String[]::new));
    ssl.setIncludeCipherSuites(tls.policy().cipherSuites().toArray(String[]::new));
    ssl.setNeedClientAuth(tls.clientCertificateRequired());
    // The certificate may not name every host a client uses (an address, a load balancer's name): the Host header
    // is checked by the OriginPolicy, not against the certificate.
    ssl.setSniRequired(false);
    return new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString());
  }

  /** The HTTP/1.1 connection behind TLS, its requests marked secure (scheme https). */
  static HttpConnectionFactory http(HttpConfiguration config) {
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    secure.setSniRequired(false);
    config.addCustomizer(secure);
    return new HttpConnectionFactory(config);
  }
}
