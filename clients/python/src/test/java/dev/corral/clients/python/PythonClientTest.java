package dev.corral.clients.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.dist.CommandRun;
import dev.corral.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
      CommandRun trace = CommandRun.corral("trace", traceId, "--url", url, "--color", "never");
      assertThat(trace.exit()).as(trace.err()).isZero();
      assertThat(trace.out()).contains("Trace " + traceId + ": 2 services");
      assertThat(trace.out().lines().filter(line -> line.startsWith("frontend ") || line.startsWith("inventory ")))
          .as(trace.out()).hasSize(2);
      assertThat(trace.out()).contains("checkout started").contains("reserving item").contains("checkout finished");
    }
  }
}
