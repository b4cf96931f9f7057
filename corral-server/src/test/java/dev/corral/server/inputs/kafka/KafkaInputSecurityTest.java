package dev.corral.server.inputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.Await;
import dev.corral.server.LogOutput;
import dev.corral.server.SharedKafkaBroker;
import dev.corral.server.TestServer;
import dev.corral.server.inputs.syslog.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka input through the shared broker's secure listeners, set up with {@code kafka.client} items only (as
 * docs/scale-out.md shows them): SASL PLAIN, SASL SCRAM-SHA-512 and TLS with a PEM CA file and hostname
 * verification on all deliver searchable events; a wrong password and a CA that did not sign the broker leave the
 * server running with one log line naming authentication, the input shown not connected and nothing committed. No
 * password ever reaches the log output, {@code /api/v1/stats} or {@code /metrics}.
 */
class KafkaInputSecurityTest {
  private static final String SCRAM_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
  private static final String PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";
  private static final String WRONG_PASSWORD = "wrong-pw-77d2e0-never-logged";

  @RegisterExtension
  static final SharedKafkaBroker kafka = new SharedKafkaBroker();

  @TempDir
  Path dir;

  @Test
  void saslPlainScramAndTlsEachDeliverSearchableEventsAndNoPasswordShows() throws Exception {
    kafka.topics().create("secured", 2);
    for (int i = 0; i < 20; i++) {
      kafka.topics().sendAsync("secured", "k" + i, "{\"service\":\"secured\",\"message\":\"event " + i + "\"}");
    }
    kafka.topics().flush();
    try (LogOutput log = new LogOutput();
        TestServer plain = start("plain", kafka.broker().saslBootstrapServers(), "secured", sasl("PLAIN", PLAIN_MODULE,
            SharedKafkaBroker.PASSWORD));
        TestServer scram = start("scram", kafka.broker().saslBootstrapServers(), "secured",
            sasl("SCRAM-SHA-512", SCRAM_MODULE, SharedKafkaBroker.PASSWORD));
        TestServer tls = start("tls", kafka.broker().sslBootstrapServers(), "secured",
            tls(kafka.broker().caCertificate()))) {
      for (TestServer server : List.of(plain, scram, tls)) {
        server.awaitTotal("service:secured", 20);
        assertThat(server.search("service:secured AND message:\"event 7\"").path("total").asLong()).isEqualTo(1);
        assertThat(kafkaStats(server).path("connection").asText()).isEqualTo("connected");
        assertThat(server.get("/metrics").body()).contains("corral_kafka_connected 1.0");
        assertNoPassword(server, log, SharedKafkaBroker.PASSWORD);
      }
      assertThat(log.text()).as("the start line names the client items, not their values")
          .contains("sasl.jaas.config").contains("ssl.truststore.location");
    }
  }

  @Test
  void aWrongPasswordIsOneLineNamingAuthenticationTheInputNotConnectedAndNothingCommitted() throws Exception {
    kafka.topics().create("refused", 1);
    kafka.topics().send("refused", 0, null, "{\"service\":\"refused\",\"message\":\"never read\"}");
    try (LogOutput log = new LogOutput();
        TestServer server = start("wrong-password", kafka.broker().saslBootstrapServers(), "refused",
            sasl("SCRAM-SHA-512", SCRAM_MODULE, WRONG_PASSWORD))) {
      JsonNode stats = awaitConnection(server, "authentication_failed");
      assertThat(stats.path("last_error").asText()).contains("Authentication failed").contains("SCRAM-SHA-512");
      assertThat(server.get("/metrics").body()).contains("corral_kafka_connected 0.0");
      assertThat(server.ingest("{\"service\":\"http\",\"message\":\"the server runs on\"}\n").status()).isEqualTo(200);
      server.awaitTotal("service:http", 1);
      assertThat(server.search("service:refused").path("total").asLong()).isZero();
      assertThat(kafkaStats(server).path("commits").asLong()).isZero();
      assertThat(kafka.topics().committed(group("wrong-password"))).as("offsets committed by the group").isEmpty();
      assertThat(log.lines()).filteredOn(line -> line.toLowerCase(java.util.Locale.ROOT).contains("authentication"))
          .as("lines naming authentication").singleElement().asString()
          .contains("level=ERROR").contains("logger=ConsumerLoop").contains("SCRAM-SHA-512");
      assertNoPassword(server, log, WRONG_PASSWORD);
      assertNoPassword(server, log, SharedKafkaBroker.PASSWORD);
    }
  }

  @Test
  void aCaThatDidNotSignTheBrokerFailsTheTlsHandshakeWithAClearError() throws Exception {
    kafka.topics().create("untrusted", 1);
    kafka.topics().send("untrusted", 0, null, "{\"service\":\"untrusted\",\"message\":\"never read\"}");
    Path otherCa = TestCertificates.create(dir.resolve("other")).ca();
    try (LogOutput log = new LogOutput();
        TestServer server = start("other-ca", kafka.broker().sslBootstrapServers(), "untrusted", tls(otherCa))) {
      JsonNode stats = awaitConnection(server, "authentication_failed");
      assertThat(stats.path("last_error").asText()).contains("SSL handshake failed")
          .contains("unable to find valid certification path");
      assertThat(log.lines()).filteredOn(line -> line.contains("authentication with the brokers failed"))
          .singleElement().asString().contains("SSL handshake failed");
      assertThat(server.search("service:untrusted").path("total").asLong()).isZero();
      assertThat(kafka.topics().committed(group("other-ca"))).isEmpty();
    }
  }

  /** A server reading {@code topic} from {@code servers} with the {@code kafka.client} items given, from YAML. */
  private TestServer start(String name, String servers, String topic, List<String> client) throws Exception {
    StringBuilder yaml = new StringBuilder("""
        kafka:
          bootstrap_servers: "%s"
          topics: [%s]
          group_id: %s
          client:
        """.formatted(servers, topic, group(name)));
    client.forEach(item -> yaml.append("    - '").append(item).append("'\n"));
    Path config = Files.writeString(dir.resolve(name + ".yaml"), yaml);
    return TestServer.start(dir.resolve(name), config, Map.of());
  }

  private static String group(String name) {
    return "security-" + name;
  }

  /** The items docs/scale-out.md shows for SASL over a plain connection. */
  private static List<String> sasl(String mechanism, String module, String password) {
    return List.of("security.protocol=SASL_PLAINTEXT", "sasl.mechanism=" + mechanism, "sasl.jaas.config=" + module
        + " required username=\"" + SharedKafkaBroker.USER + "\" password=\"" + password + "\";");
  }

  /** The items docs/scale-out.md shows for TLS with a PEM CA file (hostname verification is Kafka's default). */
  private static List<String> tls(Path ca) {
    return List.of("security.protocol=SSL", "ssl.truststore.type=PEM", "ssl.truststore.location=" + ca);
  }

  private static JsonNode kafkaStats(TestServer server) {
    return server.get("/api/v1/stats").json().path("inputs").path("kafka");
  }

  private static JsonNode awaitConnection(TestServer server, String connection) throws InterruptedException {
    Await.until("the Kafka input's connection " + connection,
        () -> kafkaStats(server).path("connection").asText().equals(connection));
    return kafkaStats(server);
  }

  private static void assertNoPassword(TestServer server, LogOutput log, String password) {
    assertThat(log.text()).as("the log output").doesNotContain(password);
    assertThat(server.get("/api/v1/stats").body()).as("/api/v1/stats").doesNotContain(password);
    assertThat(server.get("/metrics").body()).as("/metrics").doesNotContain(password);
  }
}
