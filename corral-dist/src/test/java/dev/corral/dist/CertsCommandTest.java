package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.CorralServer;
import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ServerConfig;
import dev.corral.ship.config.ShipConfig;
import dev.corral.ship.run.Shipper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code corral certs create} makes files a server serves with and real clients trust: curl and openssl over
 * loopback, the {@code corral} commands with {@code --ca}, and {@code corral ship}'s HTTP output with {@code tls_ca};
 * openssl offering TLS 1.1 is refused.
 */
class CertsCommandTest {
  @TempDir
  Path dir;

  @Test
  void createdCertificatesServeHttpsToCurlOpensslTheCliAndTheShipper() throws Exception {
    Path certs = dir.resolve("certs");
    CommandRun created = CommandRun.corral("certs", "create", "--out", certs.toString(), "--host", "corral.example");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out()).contains("tls.cert: " + certs.resolve("server.pem").toAbsolutePath());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.resolve("server-key.pem"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.resolve("ca-key.pem"))))
        .isEqualTo("rw-------");
    CommandRun again = CommandRun.corral("certs", "create", "--out", certs.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains(certs.resolve("ca.pem") + " already exists");
    X509Certificate server;
    try (InputStream in = Files.newInputStream(certs.resolve("server.pem"))) {
      server = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    assertThat(server.getSubjectAlternativeNames()).extracting(name -> name.get(1).toString())
        .contains("localhost", "127.0.0.1", "corral.example");

    Map<String, String> settings = new HashMap<>(Map.of("http.port", "0", "data.dir", dir.resolve("data").toString(),
        "otlp.grpc_port", "-1", "syslog.udp_port", "-1", "syslog.tcp_port", "-1", "gelf.udp_port", "-1",
        "gelf.tcp_port", "-1", "fluent.port", "-1", "storage.min_free_bytes", "0"));
    settings.putAll(Map.of("tls.cert", certs.resolve("server.pem").toString(),
        "tls.key", certs.resolve("server-key.pem").toString()));
    try (CorralServer corral = CorralServer.start(ServerConfig.from(ConfigLoader.load(null, Map.of(), settings)))) {
      int port = corral.port();
      String url = "https://localhost:" + port;
      String ca = certs.resolve("ca.pem").toString();
      assertThat(run("curl", "-sS", "--cacert", ca, url + "/health")).startsWith("0\n");
      assertThat(run("curl", "-sS", "--cacert", ca, "--resolve", "corral.example:" + port + ":127.0.0.1",
          "https://corral.example:" + port + "/health")).startsWith("0\n");
      assertThat(run("curl", "-sS", url + "/health")).as("curl without the CA").doesNotStartWith("0\n");

      String tls12 = run("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-CAfile", ca, "-tls1_2",
          "-servername", "localhost");
      assertThat(tls12).startsWith("0\n").contains("Verify return code: 0 (ok)").contains("Protocol  : TLSv1.2");
      String tls11 = run("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_1", "-cipher",
          "DEFAULT:@SECLEVEL=0");
      assertThat(tls11).doesNotStartWith("0\n").containsIgnoringCase("protocol version");

      CommandRun search = CommandRun.corral("search", "--url", url, "--ca", ca, "*");
      assertThat(search.exit()).as(search.err()).isZero();
      CommandRun keys = CommandRun.corral("keys", "list", "--url", url, "--ca", ca);
      assertThat(keys.exit()).as(keys.err()).isZero();
      CommandRun untrusted = CommandRun.corral("search", "--url", url, "*");
      assertThat(untrusted.exit()).isEqualTo(1);
      assertThat(untrusted.err()).contains("TLS handshake with " + url + " failed").contains("--ca");

      ShipCommandTest.CountedInput input = new ShipCommandTest.CountedInput(25);
      Shipper shipper = Shipper.start(ShipConfig.parse("""
          output: {url: "%s", tls_ca: "%s", flush_interval: 50ms}
          registry: "%s"
          """.formatted(url, ca, dir.resolve("registry"))), (inputs, registry) -> List.of(input));
      try {
        for (int attempt = 0; attempt < 400 && input.acknowledged.get() < 25; attempt++) {
          Thread.sleep(50);
        }
        assertThat(input.acknowledged.get()).as("records acknowledged over https").isEqualTo(25);
      } finally {
        shipper.stop(Duration.ofSeconds(5));
      }
    }
  }

  /** Runs a command with no input; its exit code, a newline, then what it printed (stdout and stderr). */
  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue() + "\n" + output;
  }
}
