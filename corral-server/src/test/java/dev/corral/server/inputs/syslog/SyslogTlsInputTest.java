package dev.corral.server.inputs.syslog;

import dev.corral.server.tls.KeyMaterial;
import dev.corral.server.tls.TlsFiles;
import static dev.corral.server.inputs.syslog.Peers.counted;
import static dev.corral.server.inputs.syslog.Peers.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syslog over TLS with certificates made by openssl: a PEM certificate and PKCS#8 key, or a
 * PKCS#12 keystore; a client that stalls in the handshake is closed by the idle timeout; files
 * that do not fit are refused at start-up naming the file.
 */
class SyslogTlsInputTest {
  @TempDir
  Path dir;

  private void sendTls(TestServer server, TestCertificates certs, byte[]... chunks) throws Exception {
    try (SSLSocket socket = (SSLSocket) certs.clientFactory().createSocket("127.0.0.1",
        server.server().inputPort(SyslogInputs.TLS))) {
      OutputStream out = socket.getOutputStream();
      for (byte[] chunk : chunks) {
        out.write(chunk);
      }
      out.flush();
    }
  }

  @Test
  void pemCertificateAndPkcs8KeyServeTlsAndAStalledHandshakeIsClosed() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("data")), Map.of("syslog.tls_port", "0",
        "syslog.tls_cert", certs.cert().toString(), "syslog.tls_key", certs.key().toString(), "sockets.idle_timeout", "1s"))) {
      sendTls(server, certs, counted("<13>1 2026-03-09T10:00:00Z tls-host tls-app - - - über TLS\nline 2"),
          utf8("<13>tls-app: newline framed over TLS\n"), utf8("<1000>broken\n"));
      JsonNode result = server.awaitTotal("service:tls-app", 2);
      assertThat(Peers.event(result, "über TLS").path("message").asText()).isEqualTo("über TLS\nline 2");
      assertThat(Peers.event(result, "über TLS").path("host").asText()).isEqualTo("tls-host");
      Peers.deadLetter(server.awaitTotal("dead_letter.input:syslog-tls", 1), "priority <1000> is out of range");

      try (Socket stalled = new Socket("127.0.0.1", server.server().inputPort(SyslogInputs.TLS));
          Socket partialHello = new Socket("127.0.0.1", server.server().inputPort(SyslogInputs.TLS))) {
        partialHello.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02});
        assertThat(Peers.closedByServer(stalled)).isTrue();
        assertThat(Peers.closedByServer(partialHello)).isTrue();
      }
      try (Socket plain = new Socket("127.0.0.1", server.server().inputPort(SyslogInputs.TLS))) {
        plain.getOutputStream().write(utf8("<13>plain text to a TLS port\n"));
        assertThat(Peers.closedByServer(plain)).isTrue();
      }
      sendTls(server, certs, utf8("<13>tls-app: still serving\n"));
      server.awaitTotal("service:tls-app", 3);
    }
  }

  @Test
  void pkcs12KeystoreServesTls() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("data")), Map.of("syslog.tls_port", "0",
        "syslog.tls_keystore", certs.keystore().toString(), "syslog.tls_keystore_password", certs.password()))) {
      sendTls(server, certs, counted("<14>1 - p12-host p12-app - - - from a keystore"));
      assertThat(server.awaitTotal("service:p12-app", 1).path("events").get(0).path("host").asText()).isEqualTo("p12-host");
    }
  }

  private static final String SYSLOG = "syslog.tls_";

  @Test
  void tlsFilesThatDoNotFitAreRefusedNamingTheFile() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    assertThatThrownBy(() -> KeyMaterial.read(new TlsFiles(null, null, certs.keystore(), "wrong", null, SYSLOG)))
        .isInstanceOf(IOException.class).hasMessageContaining("syslog.tls_keystore " + certs.keystore())
        .hasMessageContaining("syslog.tls_keystore_password");
    assertThatThrownBy(() -> KeyMaterial.read(TlsFiles.pem(certs.cert(), certs.ca().resolveSibling("ca-key.pem"), SYSLOG)))
        .hasMessageContaining("does not belong to the certificate in syslog.tls_cert " + certs.cert());
    assertThatThrownBy(() -> KeyMaterial.read(TlsFiles.pem(certs.key(), certs.key(), SYSLOG)))
        .hasMessageContaining("syslog.tls_cert " + certs.key());
    Path pkcs1 = dir.resolve("certs/pkcs1.pem");
    Peers.run(dir.resolve("certs"), "openssl", "genrsa", "-traditional", "-out", "pkcs1.pem", "2048");
    assertThatThrownBy(() -> KeyMaterial.read(TlsFiles.pem(certs.cert(), pkcs1, SYSLOG)))
        .hasMessageContaining("is not an unencrypted PKCS#8 PEM key: found a PKCS#1/SEC1 key; convert it: openssl pkcs8 -topk8");
    assertThatThrownBy(() -> TestServer.start(Files.createDirectories(dir.resolve("data")), Map.of("syslog.tls_port", "0",
        "syslog.tls_cert", certs.cert().toString(), "syslog.tls_key", pkcs1.toString())))
        .hasMessageContaining("syslog.tls_key " + pkcs1);
  }
}
