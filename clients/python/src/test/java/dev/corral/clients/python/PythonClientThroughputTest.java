package dev.corral.clients.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * On demand: the Python handler's throughput against a real server (clients/python/benchmarks/throughput.py),
 * printed, not asserted. {@code ./mvnw -B -pl clients/python -am test -Dtest=PythonClientThroughputTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcorral.perf=true} ({@code -Dcorral.perf.records=N}, default 200,000).
 */
@EnabledIfSystemProperty(named = "corral.perf", matches = "true")
class PythonClientThroughputTest {
  @Test
  void measureRecordsPerSecondWithTheServerUpAndDown(@TempDir Path dir) throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      String printed = PythonClient.run(dir, Map.of(), List.of("benchmarks/throughput.py", "--url",
          server.uri("").toString(), "--records", System.getProperty("corral.perf.records", "200000")));
      System.out.println("[python client throughput]\n" + printed);
      assertThat(printed).contains("\"run\": \"up\"").contains("\"run\": \"down\"");
    }
  }
}
