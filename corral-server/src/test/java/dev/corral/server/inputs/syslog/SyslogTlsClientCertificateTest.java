package dev.corral.server.inputs.syslog;

import static dev.corral.server.inputs.syslog.Peers.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.Await;
import dev.corral.server.TestServer;
import dev.corral.server.config.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syslog over TLS with {@code syslog.tls_client_ca}: Java clients with a certificate the CA signed,
 * none, one of another CA and an expired one. The allowlist excludes loopback, so a client that
 * gets in does so by its certificate alone. Bad clients go first; once the good client's message is
 * stored, every earlier handshake has been refused and counted.
 */
class SyslogTlsClientCertificateTest {
  @TempDir
  Path dir;

  private Map<String, String> requiringClientCertificates(TestCertificates certs) {
    Map<String, String> settings = new HashMap<>(Map.of("syslog.tls_port", "0", "syslog.tls_cert", certs.cert().toString(),
        "syslog.tls_key", certs.key().toString(), "syslog.tls_client_ca", certs.ca().toString()));
    settings.put("inputs.allowed_sources", "10.0.0.0/8");
    return settings;
  }

  /**
   * Sends one newline-framed message over TLS; true when the server took it (the handshake held),
   * false when the handshake or the write failed or the server closed the connection unasked.
   */
  private static boolean send(TestServer server, SSLSocketFactory factory, String message) throws IOException {
    try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", server.server().inputPort(SyslogInputs.TLS))) {
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      out.write(utf8(message + "\n"));
      out.flush();
      socket.shutdownOutput();
      socket.setSoTimeout(Peers.CLOSE_WAIT_MILLIS);
      return socket.getInputStream().read() < 0;
    } catch (IOException e) {
      return false; // refused in the handshake (TLS 1.2), or on the first read after it (TLS 1.3)
    }
  }

  private static JsonNode tlsStats(TestServer server) {
    return server.get("/api/v1/stats").json().path("inputs").path(SyslogInputs.TLS);
  }

  @Test
  void aClientWithACertificateOfTheCaIsAdmittedFromAnySourceAndEveryOtherHandshakeIsRefused() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    TestCertificates.Client good = certs.client("good-client");
    TestCertificates.Client foreign = certs.clientOfAnotherCa("foreign-client");
    TestCertificates.Client expired = certs.expiredClient("expired-client");
    try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("data")),
        requiringClientCertificates(certs))) {
      send(server, certs.clientFactory(), "<13>cert-app: refused without a certificate");
      send(server, certs.clientFactory(foreign), "<13>cert-app: refused with a certificate of another CA");
      send(server, certs.clientFactory(expired), "<13>cert-app: refused with an expired certificate");
      assertThat(send(server, certs.clientFactory(good), "<13>cert-app: admitted by its certificate")).isTrue();

      JsonNode stored = server.awaitTotal("service:cert-app", 1);
      assertThat(stored.path("events").get(0).path("message").asText()).isEqualTo("admitted by its certificate");
      // the server counts a refused handshake just after it sends its alert, which the client may read first
      Await.until("three refused handshakes", () -> tlsStats(server).path("refused_handshakes").asLong() == 3);
      JsonNode stats = tlsStats(server);
      assertThat(stats.path("refused_handshakes").asLong()).as(stats.toString()).isEqualTo(3);
      assertThat(stats.path("refused_connections.source_not_allowed").asLong())
          .as("the allowlist (10.0.0.0/8) is not asked: the certificate is the credential").isZero();
      assertThat(stats.path("dead_letters").asLong()).isZero();
      assertThat(stats.path("admits").asText()).contains("certificate signed by " + certs.ca());
    }
  }

  @Test
  void withoutAClientCaTheTlsListenerAdmitsByTheAllowlist() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    Map<String, String> settings = requiringClientCertificates(certs);
    settings.remove("syslog.tls_client_ca");
    try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("data")), settings)) {
      assertThat(send(server, certs.clientFactory(certs.client("any-client")), "<13>cert-app: from loopback")).isFalse();
      JsonNode stats = tlsStats(server);
      assertThat(stats.path("refused_connections.source_not_allowed").asLong()).as(stats.toString()).isEqualTo(1);
      assertThat(stats.path("refused_handshakes").asLong()).as("closed at accept, before any handshake").isZero();
      assertThat(server.search("service:cert-app").path("total").asLong()).isZero();
    }
  }

  @Test
  void clientCertificateSettingsThatContradictEachOtherOrAMissingCaAreRefusedAtStart() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    Path data = Files.createDirectories(dir.resolve("data"));
    Map<String, String> settings = requiringClientCertificates(certs);
    settings.remove("syslog.tls_client_ca");
    settings.put("syslog.tls_client_auth", "required");
    assertThatThrownBy(() -> TestServer.start(data, settings)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("syslog.tls_client_auth is required but syslog.tls_client_ca is not set");
    settings.put("syslog.tls_client_auth", "optional");
    assertThatThrownBy(() -> TestServer.start(data, settings)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("syslog.tls_client_auth = 'optional'").hasMessageContaining("is not none or required");
    settings.put("syslog.tls_client_auth", "none");
    settings.put("syslog.tls_client_ca", certs.ca().toString());
    assertThatThrownBy(() -> TestServer.start(data, settings)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("syslog.tls_client_ca is set (" + certs.ca() + ") but syslog.tls_client_auth is none");
    settings.remove("syslog.tls_client_auth");
    settings.put("syslog.tls_client_ca", dir.resolve("missing-ca.pem").toString());
    assertThatThrownBy(() -> TestServer.start(data, settings))
        .hasMessageContaining("syslog.tls_client_ca " + dir.resolve("missing-ca.pem") + " does not exist");
    settings.put("syslog.tls_client_ca", certs.key().toString());
    assertThatThrownBy(() -> TestServer.start(data, settings))
        .hasMessageContaining("syslog.tls_client_ca " + certs.key());
  }
}
