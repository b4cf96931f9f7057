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
 * {@code corral archive list|run} against a running server. The archive itself, against a real
 * s3proxy, is tested in corral-server (ArchiveTest, ArchiveFaultsTest, ArchiveCrashTest).
 */
class ArchiveCommandTest {
  @TempDir
  Path data;

  @Test
  void withTheArchiveOffListSaysSoAndRunIsRefused() throws Exception {
    try (CorralServer server = CorralServer.start(ServerConfig.from(ConfigLoader.load(null, Map.of(), Map.of(
        "http.port", "0", "data.dir", data.toString(), "otlp.grpc_port", "-1", "syslog.udp_port", "-1",
        "syslog.tcp_port", "-1", "gelf.udp_port", "-1", "gelf.tcp_port", "-1", "fluent.port", "-1"))))) {
      CommandRun list = corral("archive", "list", "--url", server.url());
      assertThat(list.exit()).as(list.err()).isZero();
      assertThat(list.out().strip()).isEqualTo("the archive is off (archive.url is not set)");

      CommandRun run = corral("archive", "run", "--url", server.url());
      assertThat(run.exit()).isNotZero();
      assertThat(run.err()).contains("409").contains("archive.url");
    }
  }

  @Test
  void listPrintsEachDayWithItsTier() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ArchiveCommand.ListDays.print(new ObjectMapper().readTree("""
        {"enabled": true, "days": [
          {"day": "2026-11-18", "tier": "archive", "local": false, "events": 4100000, "bytes": 1203000000,
           "generation": 7, "archived_at": "2026-11-20T01:10:00Z"},
          {"day": "2026-11-19", "tier": "warm", "local": true, "events": 300, "bytes": 10868, "generation": 3,
           "archived_at": "2026-11-21T01:10:00Z"}]}"""), new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(printed.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
        "DAY         TIER           EVENTS           BYTES  GENERATION  ARCHIVED AT",
        "2026-11-18  archive       4100000      1203000000           7  2026-11-20T01:10:00Z",
        "2026-11-19  warm              300           10868           3  2026-11-21T01:10:00Z");
  }
}
