package dev.corral.dist;

import static dev.corral.dist.CommandRun.corral;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.CorralServer;
import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code corral restore} against a running server. Restores themselves, against a real s3proxy, are
 * tested in corral-server (ArchiveFetchTest, ArchiveCrashTest).
 */
class RestoreCommandTest {
  @TempDir
  Path data;

  @Test
  void withTheArchiveOffRestoreIsRefusedAndARangeIsRequired() throws Exception {
    try (CorralServer server = CorralServer.start(ServerConfig.from(ConfigLoader.load(null, Map.of(), Map.of(
        "http.port", "0", "data.dir", data.toString(), "otlp.grpc_port", "-1", "syslog.udp_port", "-1",
        "syslog.tcp_port", "-1", "gelf.udp_port", "-1", "gelf.tcp_port", "-1", "fluent.port", "-1"))))) {
      CommandRun restore = corral("restore", "--from", "2026-09-01", "--to", "2026-09-07", "--url", server.url());
      assertThat(restore.exit()).isNotZero();
      assertThat(restore.err()).contains("409", "archive.url");

      CommandRun nothing = corral("restore", "--url", server.url());
      assertThat(nothing.exit()).isNotZero();
      assertThat(nothing.err()).contains("--from", "--all", "--list");
    }
  }

  @Test
  void restorePrintsThePinnedDaysAndEachFailure() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit = RestoreCommand.printRestored(new ObjectMapper().readTree("""
        {"days": ["2026-09-01", "2026-09-02"], "local": [], "fetched": 1, "from_cache": 0,
         "failed": {"2026-09-02": "s3://b/p/days/2026-09-02/5/_0.cfs has sha256 00"}, "took_ms": 1200}"""),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo(
        "pinned 2 archived days [\"2026-09-01\",\"2026-09-02\"]: 1 fetched, 0 already cached, took 1200 ms");
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("corral: 2026-09-02 not restored: s3://b/p/days/2026-09-02/5/_0.cfs has sha256 00");
  }
}
