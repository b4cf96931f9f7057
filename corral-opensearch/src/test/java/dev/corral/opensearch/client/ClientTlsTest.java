package dev.corral.opensearch.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.corral.opensearch.node.OpenSslCa;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's TLS: trusting a CA file, checking that the certificate names the host, and the
 * switch that turns only that check off. The peer is a real TLS endpoint (the JDK's HTTPS server
 * with a certificate made by the real {@code openssl}, for {@code localhost} only): the test
 * OpenSearch runner has no security plugin, so it speaks no TLS.
 */
class ClientTlsTest {
  private static final String PASSWORD = "changeit";
  @TempDir
  static Path dir;
  private static HttpsServer server;
  private static Path ca;

  @BeforeAll
  static void startHttpsPeer() throws Exception {
    OpenSslCa authority = OpenSslCa.create(dir);
    ca = authority.certificate();
    KeyStore keys = KeyStore.getInstance(authority.pkcs12(authority.issue("localhost", "localhost"), PASSWORD).toFile(),
        PASSWORD.toCharArray());
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", exchange -> {
      byte[] body = "{\"cluster_name\":\"tls-peer\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static URI url(String host) {
    return URI.create("https://" + host + ":" + server.getAddress().getPort());
  }

  @Test
  void aServerCertificateSignedByTheCaFileIsTrusted() throws Exception {
    try (OpenSearchClient client = new OpenSearchClient(ClientSettings.of(List.of(url("localhost"))).withTls(ca, true))) {
      assertThat(client.get("/").requireSuccess().json().path("cluster_name").asText()).isEqualTo("tls-peer");
    }
  }

  @Test
  void aCertificateThatDoesNotNameTheHostIsRefusedUnlessVerificationIsOff() throws Exception {
    try (OpenSearchClient client = new OpenSearchClient(ClientSettings.of(List.of(url("127.0.0.1"))).withTls(ca, true))) {
      assertThatThrownBy(() -> client.get("/")).isInstanceOf(ClusterUnavailableException.class)
          .hasMessageContaining(url("127.0.0.1") + " unreachable").hasMessageContaining("127.0.0.1");
    }
    try (OpenSearchClient client = new OpenSearchClient(ClientSettings.of(List.of(url("127.0.0.1"))).withTls(ca, false))) {
      assertThat(client.get("/").requireSuccess().status()).isEqualTo(200);
    }
  }

  @Test
  void withoutTheCaFileTheJdksDefaultCasRefuseTheCertificate() throws Exception {
    try (OpenSearchClient client = new OpenSearchClient(ClientSettings.of(List.of(url("localhost"))))) {
      assertThatThrownBy(() -> client.get("/")).isInstanceOf(ClusterUnavailableException.class)
          .hasMessageContaining("unreachable");
    }
  }

  @Test
  void aCaFileThatIsNotACertificateIsNamed() throws Exception {
    Path garbage = Files.writeString(dir.resolve("not-a-ca.pem"), "hello");
    assertThatThrownBy(() -> new OpenSearchClient(ClientSettings.of(List.of(url("localhost"))).withTls(garbage, true)))
        .isInstanceOf(IOException.class).hasMessageContaining(garbage.toString());
  }
}
