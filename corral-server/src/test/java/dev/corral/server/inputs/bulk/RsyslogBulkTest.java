package dev.corral.server.inputs.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real rsyslogd (Debian packages rsyslog and rsyslog-elasticsearch) tails a file with imfile and
 * ships it with omelasticsearch in bulk mode; Corral must hold every line, and the line the
 * template turns into broken JSON must come back as a dead letter. Skipped when rsyslogd is not
 * installed, except under CI=true where that fails the test.
 */
class RsyslogBulkTest {
  private static final Path[] RSYSLOGD = {Path.of("/usr/sbin/rsyslogd"), Path.of("/sbin/rsyslogd"),
      Path.of("/usr/bin/rsyslogd")};
  /** rsyslog's start, imfile's polling and bulk batching take a few seconds; more means it is stuck. */

  @TempDir
  Path dir;

  @Test
  void rsyslogOmelasticsearchShipsUnicodeStackTraceLargeLinesAndABrokenDocumentBecomesADeadLetter()
      throws Exception {
    Path rsyslogd = findRsyslogd();
    String trace = UUID.randomUUID().toString();
    Path input = dir.resolve("app.log");
    Files.writeString(input, "");
    Path work = Files.createDirectories(dir.resolve("rsyslog-work"));
    try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("corral")))) {
      Path conf = dir.resolve("rsyslog.conf");
      Files.writeString(conf, config(work, input, server.server().port(), trace));
      Path output = dir.resolve("rsyslogd.out");
      Process process = new ProcessBuilder(rsyslogd.toString(), "-n", "-f", conf.toString(), "-i",
          dir.resolve("rsyslogd.pid").toString())
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      try {
        Thread.sleep(1500); // let imfile register the file before it grows
        append(input, BulkSamples.UNICODE + "\n");
        append(input, BulkSamples.STACK_TRACE + "\n");
        append(input, BulkSamples.large() + "\n");
        append(input, "MALFORMED \"unterminated quote\n");

        JsonNode stored = server.awaitTotalFrom("trace_id:" + trace, 3, process, output);
        assertThat(stored.path("total").asLong()).isEqualTo(3);
        JsonNode unicode = event(stored, BulkSamples.UNICODE);
        assertThat(unicode.path("message").asText()).isEqualTo(BulkSamples.UNICODE);
        assertThat(unicode.path("service").asText()).isEqualTo("rsyslog-shop");
        assertThat(unicode.path("level").asText()).isEqualTo("WARN");
        assertThat(unicode.path("_index").asText()).isEqualTo("rsyslog-logs");
        assertThat(unicode.path("timestamp").asText()).isNotEmpty();
        assertThat(event(stored, BulkSamples.STACK_TRACE).path("service").asText()).isEqualTo("rsyslog-shop");
        assertThat(event(stored, BulkSamples.large()).path("_index").asText()).isEqualTo("rsyslog-logs");

        JsonNode letter = server.awaitTotalFrom("logtype:dead_letter AND dead_letter.input:bulk", 1, process, output)
            .path("events").get(0);
        assertThat(letter.path("dead_letter.reason").asText()).contains("malformed JSON");
        assertThat(letter.path("dead_letter.excerpt").asText()).contains("MALFORMED \"unterminated quote");
      } finally {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    }
  }

  private static Path findRsyslogd() {
    for (Path candidate : RSYSLOGD) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String reason = "rsyslogd not found (looked in /usr/sbin, /sbin, /usr/bin); install the Debian packages rsyslog "
        + "and rsyslog-elasticsearch";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(reason + " (CI=true: the real-shipper test must run)");
    }
    Assumptions.abort(reason);
    return null;
  }

  /**
   * imfile tails {@code input}, joining tab-indented lines to the line before (stack traces);
   * lines containing MALFORMED go through a template that does not escape the message, so a quote
   * in them breaks the document's JSON.
   */
  private static String config(Path work, Path input, int port, String trace) {
    return """
        global(workDirectory="%1$s" maxMessageSize="256k"
               parser.escapeControlCharactersOnReceive="off")
        module(load="imfile")
        module(load="omelasticsearch")
        template(name="corral-json" type="list" option.jsonf="on") {
          property(outname="@timestamp" name="timereported" dateFormat="rfc3339" format="jsonf")
          property(outname="level" name="syslogseverity-text" format="jsonf")
          property(outname="message" name="msg" format="jsonf")
          constant(outname="service" value="rsyslog-shop" format="jsonf")
          constant(outname="trace_id" value="%4$s" format="jsonf")
        }
        template(name="corral-raw" type="string" string="{\\"service\\":\\"rsyslog-shop\\",\\"message\\":\\"%%msg%%\\"}")
        input(type="imfile" file="%2$s" tag="shop:" severity="warning" escapeLF="off"
              startmsg.regex="^[^\\t]" readTimeout="1")
        if $msg contains "MALFORMED" then {
          action(type="omelasticsearch" server="127.0.0.1" serverport="%3$d" bulkmode="on"
                 template="corral-raw" searchIndex="rsyslog-logs")
        } else {
          action(type="omelasticsearch" server="127.0.0.1" serverport="%3$d" bulkmode="on"
                 template="corral-json" searchIndex="rsyslog-logs")
        }
        """.formatted(work, input, port, trace);
  }

  /** The stored event whose message is exactly {@code message}. */
  private static JsonNode event(JsonNode result, String message) {
    for (JsonNode event : result.path("events")) {
      if (event.path("message").asText().equals(message)) {
        return event;
      }
    }
    throw new AssertionError("no event with message " + message.substring(0, Math.min(60, message.length()))
        + "… among " + result.path("events").findValuesAsText("message"));
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }
}
