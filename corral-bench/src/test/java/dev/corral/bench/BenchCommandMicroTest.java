package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code corral bench --micro} up to the point where JMH would fork: argument errors and listing. */
class BenchCommandMicroTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private PrintStream originalOut;

  @TempDir
  Path tmp;

  @BeforeEach
  void captureOutput() {
    originalErr = System.err;
    originalOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreOutput() {
    System.setErr(originalErr);
    System.setOut(originalOut);
  }

  @Test
  void malformedJmhArgumentsExitWith2AndSayWhy() {
    int code = bench("--micro", "--out", tmp.resolve("a").toString(), "--jmh-args", "-f two");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("bench: --jmh-args \"-f two\": Cannot parse argument 'two' of option f");
  }

  @Test
  void aRegexMatchingNoBenchmarkExitsWith1AndSaysSo() {
    int code = bench("--micro", "--out", tmp.resolve("b").toString(), "--jmh-args", "NoSuchBenchmark");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("bench: micro-benchmarks failed: No benchmarks to run; check the include/exclude regexps.");
  }

  @Test
  void listingPrintsEveryBenchmarkAndWritesNothing() {
    Path results = tmp.resolve("c");

    int code = bench("--micro", "--out", results.toString(), "--jmh-args", "-l");

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(
        "dev.corral.bench.micro.DecodeBenchmark.decode",
        "dev.corral.bench.micro.WalAppendBenchmark.appendFourThreads",
        "dev.corral.bench.micro.DocumentBuildBenchmark.build",
        "dev.corral.bench.micro.QueryParseBenchmark.parsePlan");
    assertThat(results).doesNotExist();
  }

  private static int bench(String... args) {
    return new CommandLine(new BenchCommand()).execute(args);
  }
}
