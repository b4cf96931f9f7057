package dev.corral.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 3 of issue 12: under an open-file limit too low for the configured listeners (512
 * descriptors against three TCP socket inputs of 1,024 connections each), the server says so
 * once at start-up, and HTTP still gets its floor of connections. A child process, since the
 * limit is the process's.
 */
class FileLimitWarningTest {
  /** Give-up bound for a child JVM starting a server on a loaded machine. */
  private static final long GIVE_UP_SECONDS = 120;
  @TempDir
  Path dir;

  @Test
  void aLowFileLimitIsWarnedAboutAtStartUp() throws Exception {
    Path output = dir.resolve("probe.log");
    String command = "ulimit -n 512 && exec \"$0\" -cp \"$1\" " + FileLimitProbe.class.getName() + " \"$2\"";
    Process probe = new ProcessBuilder(List.of("bash", "-c", command, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        System.getProperty("java.class.path"), dir.resolve("data").toString()))
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    assertThat(probe.waitFor(GIVE_UP_SECONDS, TimeUnit.SECONDS)).as("the probe finished").isTrue();
    String log = Files.readString(output);
    assertThat(probe.exitValue()).as(log).isZero();
    assertThat(log).contains("level=WARN").contains("open-file limit is too low for the configured listeners")
        .contains("open-file limit 512").contains("socket inputs 3072");
    assertThat(log.lines().filter(line -> line.contains("open-file limit is too low"))).hasSize(1);
    assertThat(log).contains("http_max_connections=" + FileBudget.MIN_HTTP_CONNECTIONS);
  }
}
