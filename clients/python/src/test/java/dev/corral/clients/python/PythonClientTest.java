package dev.corral.clients.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.dist.CorralCommand;
import dev.corral.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Python package {@code corral_logging} against a real server: its whole {@code python3 -m
 * unittest} suite (clients/python/tests) runs with {@code CORRAL_URL} pointing at a server started
 * here, then {@code corral trace} (the real command, in this JVM) must show the two-service
 * example's request as one trace across both services.
 */
class PythonClientTest {
  @Test
  void pythonUnitTestsPassAgainstARealServerAndTheTwoServiceRequestIsOneTrace(@TempDir Path dir) throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      String url = server.uri("").toString();
      Path traceIdFile = dir.resolve("trace-id");
      String printed = PythonClient.run(dir, Map.of("CORRAL_URL", url, "CORRAL_TRACE_ID_FILE", traceIdFile.toString(),
          "TMPDIR", dir.toString()), List.of("-m", "unittest", "discover", "-s", "tests", "-t", ".", "-v"));
      System.out.println("[python3 -m unittest]\n" + printed);
      assertThat(printed).as(printed).contains("OK").doesNotContain("skipped 'CORRAL_URL is not set");
      assertThat(traceIdFile).as("the two-service test ran and wrote its trace id; python said:\n%s", printed).exists();

      String traceId = Files.readString(traceIdFile).strip();
      CommandRun trace = corral("trace", traceId, "--url", url, "--color", "never");
      assertThat(trace.exit()).as(trace.err()).isZero();
      assertThat(trace.out()).contains("Trace " + traceId + ": 2 services");
      assertThat(trace.out().lines().filter(line -> line.startsWith("frontend ") || line.startsWith("inventory ")))
          .as(trace.out()).hasSize(2);
      assertThat(trace.out()).contains("checkout started").contains("reserving item").contains("checkout finished");
    }
  }

  /** What {@code corral args...} printed and returned, run in this JVM. */
  record CommandRun(int exit, String out, String err) {}

  static CommandRun corral(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      int exit = new CommandLine(new CorralCommand()).execute(args);
      return new CommandRun(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
