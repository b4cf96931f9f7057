package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.bench.BenchCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code corral bench --tls} against the real corral.jar, small (2,000 events, one query run): Corral runs plain, then
 * again over HTTPS with certificates made for the run, and both appear in the report with the same totals. No timing
 * is asserted. Two server JVMs and the bench take over a minute on two shared cores, so it runs on demand:
 * {@code ./mvnw -pl corral-dist -am verify -Dcorral.perf=true -Dit.test=BenchTlsIT} (the TLS listeners themselves
 * are guarded in every build by corral-server's TlsListenersTest and CertsCommandTest).
 */
@EnabledIfSystemProperty(named = "corral.perf", matches = "true")
class BenchTlsIT {
  @Test
  void theBenchRunsCorralPlainAndOverHttpsInOneSitting(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("results");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    PrintStream originalOut = System.out;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      code = new CommandLine(new BenchCommand()).execute("--jar", System.getProperty("corral.jar", "target/corral.jar"),
          "--events", "2000", "--batch", "500", "--peers", "none", "--cold-runs", "0", "--runs", "1", "--mixed-rate", "0", "--tls",
          "--out", out.toString());
    } finally {
      System.setErr(originalErr);
      System.setOut(originalOut);
    }
    String log = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as("bench's stderr: %s", log).isZero();
    assertThat(log).contains("bench: corral again over HTTPS");
    String results = Files.readString(out.resolve("results.md"));
    assertThat(results).contains("corral+tls").doesNotContain("WARNING");
    assertThat(Files.readString(out.resolve("server-tls.log"))).contains("tls certificate loaded")
        .contains("url=\"https://");
  }
}
