package dev.corral.server.inputs.beats;

import static dev.corral.server.inputs.beats.LumberjackFrames.filebeatEvent;
import static dev.corral.server.inputs.beats.LumberjackFrames.json;
import static dev.corral.server.inputs.beats.LumberjackFrames.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.Await;
import dev.corral.server.TestServer;
import dev.corral.server.config.ConfigException;
import dev.corral.server.inputs.syslog.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Beats input over TLS ({@code beats.tls_cert}, {@code beats.tls_key}), as Filebeat's {@code ssl.*} options use
 * it: without client certificates a client is admitted by source address; with {@code beats.tls_client_ca} only a
 * client whose certificate that CA signed gets in (Filebeat's {@code ssl.certificate} and {@code ssl.key}), from any
 * source: the allowlist here excludes loopback.
 */
class BeatsTlsTest {
  @TempDir
  Path dir;

  private static Map<String, String> tls(TestCertificates certs) {
    return new HashMap<>(Map.of("beats.port", "0", "beats.tls_cert", certs.cert().toString(), "beats.tls_key",
        certs.key().toString()));
  }

  /** Sends one window over TLS; the ack's seq, or -1 when the handshake or the connection failed. */
  private static long sendWindow(TestServer server, SSLSocketFactory factory, String message, String service) {
    try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1",
        server.server().inputPort(BeatsInputs.INPUT))) {
      socket.startHandshake();
      try (BeatsClient client = new BeatsClient(socket)) {
        return client.send(window(1), json(1, filebeatEvent(message, service))).ack();
      }
    } catch (IOException e) {
      return -1; // refused in the handshake (TLS 1.2), or on the first read after it (TLS 1.3)
    }
  }

  private static JsonNode stats(TestServer server) {
    return server.get("/api/v1/stats").json().path("inputs").path(BeatsInputs.INPUT);
  }

  @Test
  void aWindowOverTlsIsAcknowledgedAndPlainTextIsRefused() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("data")), tls(certs))) {
      try (BeatsClient plain = BeatsClient.connect(server.server().inputPort(BeatsInputs.INPUT))) {
        plain.send(window(1), json(1, filebeatEvent("in clear text", "cleartext")));
        assertThat(plain.drainsToClose()).isTrue();
      }
      assertThat(sendWindow(server, certs.clientFactory(), "over tls", "secure")).isEqualTo(1);
      assertThat(server.awaitTotal("service:secure", 1).path("events").get(0).path("message").asText())
          .isEqualTo("over tls");
      Await.until("one refused handshake", () -> stats(server).path("refused_handshakes").asLong() == 1);
      assertThat(server.search("service:cleartext").path("total").asLong()).isZero();
    }
  }

  @Test
  void withAClientCaOnlyAClientWithACertificateOfThatCaIsAdmittedFromAnySource() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    TestCertificates.Client good = certs.client("filebeat-good");
    TestCertificates.Client foreign = certs.clientOfAnotherCa("filebeat-foreign");
    Map<String, String> settings = tls(certs);
    settings.put("beats.tls_client_ca", certs.ca().toString());
    settings.put("inputs.allowed_sources", "10.0.0.0/8");
    try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("data")), settings)) {
      assertThat(sendWindow(server, certs.clientFactory(), "without a certificate", "refused")).isEqualTo(-1);
      assertThat(sendWindow(server, certs.clientFactory(foreign), "with a foreign certificate", "refused"))
          .isEqualTo(-1);
      assertThat(sendWindow(server, certs.clientFactory(good), "with its certificate", "admitted")).isEqualTo(1);
      assertThat(server.awaitTotal("service:admitted", 1).path("total").asLong()).isEqualTo(1);
      Await.until("two refused handshakes", () -> stats(server).path("refused_handshakes").asLong() == 2);
      assertThat(server.search("service:refused").path("total").asLong()).isZero();
      assertThat(stats(server).path("admits").asText()).contains(certs.ca().toString());
    }
  }

  @Test
  void withoutClientCertificatesTheAllowlistDecides() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    Map<String, String> settings = tls(certs);
    settings.put("inputs.allowed_sources", "10.0.0.0/8");
    try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("data")), settings)) {
      assertThat(sendWindow(server, certs.clientFactory(), "from loopback", "outsider")).isEqualTo(-1);
      Await.until("one refused source",
          () -> stats(server).path("refused_connections.source_not_allowed").asLong() == 1);
      assertThat(server.search("service:outsider").path("total").asLong()).isZero();
    }
  }

  @Test
  void halfATlsConfigurationIsRefusedAtStartNamingTheSettings() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    Path data = Files.createDirectories(dir.resolve("data"));
    assertThatThrownBy(() -> TestServer.start(data, Map.of("beats.port", "0", "beats.tls_cert", certs.cert().toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("beats.tls_cert and beats.tls_key go together");
    assertThatThrownBy(() -> TestServer.start(data, Map.of("beats.port", "0", "beats.tls_client_ca",
        certs.ca().toString()))).isInstanceOf(ConfigException.class).hasMessageContaining("client certificates need TLS");
    assertThatThrownBy(() -> TestServer.start(data, Map.of("beats.port", "0", "beats.tls_cert", certs.cert().toString(),
        "beats.tls_key", certs.ca().toString()))).hasMessageContaining("beats.tls_key");
  }
}
