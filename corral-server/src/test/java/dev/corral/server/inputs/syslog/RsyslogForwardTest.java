package dev.corral.server.inputs.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real rsyslogd (Debian packages rsyslog, rsyslog-gnutls) tails a file with imfile and forwards
 * it with omfwd to Corral over UDP, TCP with octet-counted framing, and TLS (gtls driver, a CA and
 * server certificate made by openssl, the server name checked; and with a client certificate, which
 * Corral requires through {@code syslog.tls_client_ca} and which admits rsyslog from a source the
 * allowlist excludes). Each run sends unicode, a
 * multi-line stack trace, a large message, and a line the config turns into a broken message,
 * which must come back as a dead letter. Skipped when rsyslogd is missing, except under CI=true.
 */
class RsyslogForwardTest {
  /** rsyslog's start, imfile's polling and omfwd's connecting take a few seconds; more means it is stuck. */
  private static final String HOSTNAME = "corral-test-host";

  @TempDir
  Path dir;

  @Test
  void omfwdOverUdpWithRfc5424AndStructuredData() throws Exception {
    forward("udp", Map.of("syslog.udp_port", "0"), SyslogInputs.UDP, port -> """
        protocol="udp" target="127.0.0.1" port="%d"
        """.formatted(port), "", "corral-5424", 40 * 1024);
  }

  @Test
  void omfwdOverTcpWithOctetCountedFraming() throws Exception {
    forward("tcp", Map.of("syslog.tcp_port", "0"), SyslogInputs.TCP, port -> """
        protocol="tcp" target="127.0.0.1" port="%d" TCP_Framing="octet-counted"
        """.formatted(port), "", "corral-5424", 60 * 1024);
  }

  @Test
  void omfwdOverTlsWithTheGtlsDriverAndRfc3164ForwardFormat() throws Exception {
    requireGtls();
    TestCertificates certs = TestCertificates.create(dir);
    forward("tls", Map.of("syslog.tls_port", "0", "syslog.tls_cert", certs.cert().toString(),
        "syslog.tls_key", certs.key().toString()), SyslogInputs.TLS, TLS_ACTION,
        "DefaultNetstreamDriverCAFile=\"%s\"".formatted(certs.ca()), "RSYSLOG_ForwardFormat", 60 * 1024);
  }

  @Test
  void omfwdOverTlsPresentsAClientCertificateThatAdmitsItFromASourceTheAllowlistExcludes() throws Exception {
    requireGtls();
    TestCertificates certs = TestCertificates.create(dir);
    TestCertificates.Client client = certs.client("rsyslog-client");
    forward("tls", Map.of("syslog.tls_port", "0", "syslog.tls_cert", certs.cert().toString(),
        "syslog.tls_key", certs.key().toString(), "syslog.tls_client_ca", certs.ca().toString(),
        "inputs.allowed_sources", "10.0.0.0/8"), SyslogInputs.TLS, TLS_ACTION, """
        DefaultNetstreamDriverCAFile="%s" DefaultNetstreamDriverCertFile="%s" DefaultNetstreamDriverKeyFile="%s"
        """.formatted(certs.ca(), client.cert(), client.key()).strip(), "RSYSLOG_ForwardFormat", 60 * 1024);
  }

  /** omfwd over TLS with gtls, checking that the server's certificate names localhost. */
  private static final Action TLS_ACTION = port -> """
      protocol="tcp" target="127.0.0.1" port="%d" TCP_Framing="octet-counted"
      StreamDriver="gtls" StreamDriverMode="1" StreamDriverAuthMode="x509/name"
      StreamDriverPermittedPeers="localhost"
      """.formatted(port);

  private static void requireGtls() {
    Peers.require("rsyslog's gtls driver", "rsyslog-gnutls", Path.of("/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so"),
        Path.of("/usr/lib/rsyslog/lmnsd_gtls.so"), Path.of("/usr/lib/aarch64-linux-gnu/rsyslog/lmnsd_gtls.so"));
  }

  private interface Action {
    String parameters(int port);
  }

  /** @param globalTls rsyslog's global() TLS parameters (CA, client certificate and key files), or empty */
  private void forward(String transport, Map<String, String> settings, String listener, Action action, String globalTls,
      String template, int largeBytes) throws Exception {
    Path rsyslogd = Peers.require("rsyslogd", "rsyslog rsyslog-gnutls", Path.of("/usr/sbin/rsyslogd"),
        Path.of("/sbin/rsyslogd"), Path.of("/usr/bin/rsyslogd"));
    String app = "shop-" + transport;
    Path input = dir.resolve("app.log");
    Files.writeString(input, "");
    Path work = Files.createDirectories(dir.resolve("rsyslog-work"));
    Instant started = Instant.now();
    try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("corral")), settings)) {
      String parameters = action.parameters(server.server().inputPort(listener));
      Path conf = dir.resolve("rsyslog.conf");
      Files.writeString(conf, config(work, input, app, transport, parameters, template, globalTls));
      Path output = dir.resolve("rsyslogd.out");
      Process process = new ProcessBuilder(rsyslogd.toString(), "-n", "-f", conf.toString(), "-i",
          dir.resolve("rsyslogd.pid").toString()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      try {
        Thread.sleep(1500); // let imfile register the file before it grows
        String large = SenderSamples.large(largeBytes);
        append(input, SenderSamples.UNICODE + "\n");
        append(input, "MALFORMED by the template\n");
        append(input, SenderSamples.STACK_TRACE + "\n");
        append(input, large + "\n");
        append(input, "last line\n");

        JsonNode stored = server.awaitTotalFrom("service:" + app, 4, process, output);
        for (JsonNode event : stored.path("events")) {
          assertThat(event.path("host").asText()).isEqualTo(HOSTNAME);
          assertThat(event.path("level").asText()).isEqualTo("WARN");
          assertThat(event.path("syslog.facility").asText()).isEqualTo("local3");
          assertThat(event.path("syslog.facility_code").asLong()).isEqualTo(19);
          assertThat(event.path("syslog.severity").asText()).isEqualTo("warning");
          Instant timestamp = Instant.parse(event.path("timestamp").asText());
          assertThat(timestamp).isBetween(started.minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofMinutes(1)));
          if (template.equals("corral-5424")) {
            assertThat(event.path("sd.corral@32473.transport").asText()).isEqualTo(transport);
          }
        }
        assertThat(Peers.event(stored, "unicode").path("message").asText()).isEqualTo(SenderSamples.UNICODE);
        assertThat(Peers.event(stored, "java.lang").path("message").asText()).isEqualTo(SenderSamples.STACK_TRACE);
        assertThat(Peers.event(stored, "large").path("message").asText()).isEqualTo(large);

        JsonNode letter = server.awaitTotalFrom("logtype:dead_letter AND dead_letter.input:" + listener, 1, process, output)
            .path("events").get(0);
        assertThat(letter.path("dead_letter.reason").asText()).contains(template.equals("corral-5424")
            ? "RFC 5424 structured data: expected PARAM-NAME=\"VALUE\" in element [broken]" : "priority <999> is out of range");
        assertThat(letter.path("dead_letter.excerpt").asText()).contains("MALFORMED by the template");
      } finally {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    }
  }

  /**
   * imfile tails {@code input} (tab-indented lines join the line before: stack traces); lines with
   * MALFORMED go out through a template that breaks the message (structured data that is never
   * closed, or a priority out of range), everything else through {@code template}.
   */
  private static String config(Path work, Path input, String app, String transport, String action, String template,
      String globalTls) {
    return """
        global(workDirectory="%1$s" maxMessageSize="256k" localHostname="%7$s"
               parser.escapeControlCharactersOnReceive="off" %6$s)
        module(load="imfile")
        template(name="corral-5424" type="string"
                 string="<%%PRI%%>1 %%TIMESTAMP:::date-rfc3339%% %%HOSTNAME%% %%APP-NAME%% %%PROCID%% - [corral@32473 transport=\\"%4$s\\"] %%msg%%\\n")
        template(name="corral-broken-5424" type="string"
                 string="<%%PRI%%>1 %%TIMESTAMP:::date-rfc3339%% %%HOSTNAME%% %%APP-NAME%% - - [broken sd %%msg%%\\n")
        template(name="corral-broken-3164" type="string" string="<999>%%TIMESTAMP%% %%HOSTNAME%% %%syslogtag%% %%msg%%\\n")
        input(type="imfile" file="%2$s" tag="%3$s:" facility="local3" severity="warning" escapeLF="off"
              startmsg.regex="^[^\\t]" readTimeout="1")
        if $msg contains "MALFORMED" then {
          action(type="omfwd" template="%8$s" %5$s)
        } else {
          action(type="omfwd" template="%9$s" %5$s)
        }
        """.formatted(work, input, app, transport, action.replace('\n', ' '),
        globalTls, HOSTNAME,
        template.equals("corral-5424") ? "corral-broken-5424" : "corral-broken-3164", template);
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }
}
