package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.ship.Input;
import dev.corral.ship.RecordSink;
import dev.corral.ship.ShipRecord;
import dev.corral.ship.Source;
import dev.corral.ship.SourceStatus;
import dev.corral.ship.config.ShipConfig;
import dev.corral.ship.run.Shipper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corral ship} and {@code corral ship status} against a running shipper delivering to a real server. */
class ShipCommandTest {
  @TempDir
  Path dir;

  @Test
  void statusPrintsEachSourceAndTheCountersOfARunningShipper() throws Exception {
    try (var server = CommandRun.server(dir.resolve("server"))) {
      CountedInput input = new CountedInput(25);
      Shipper shipper = Shipper.start(ShipConfig.parse("""
          output: {url: "%s", flush_interval: 50ms}
          registry: "%s"
          status: {listen: "127.0.0.1:0"}
          """.formatted(server.url(), dir.resolve("registry"))), (inputs, registry) -> List.of(input));
      try {
        for (int attempt = 0; attempt < 400 && input.acknowledged.get() < 25; attempt++) {
          Thread.sleep(50);
        }
        String url = "http://127.0.0.1:" + shipper.statusAddress().getPort();
        CommandRun table = CommandRun.corral("ship", "status", "--url", url);
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("input", "source", "acknowledged", "lag_bytes")
            .containsPattern("counted\\s+counted-source\\s+25\\s+25\\s+0\\s+yes")
            .contains("sent        25 events").contains("spool       0 bytes").contains("last error  none");
        CommandRun json = CommandRun.corral("ship", "status", "--url", url, "--json");
        assertThat(json.out()).contains("\"sent_events\" : 25").contains("\"id\" : \"counted-source\"");
      } finally {
        shipper.stop(Duration.ofSeconds(5));
      }
    }
  }

  @Test
  void statusSaysWhenNoShipperAnswers() {
    CommandRun run = CommandRun.corral("ship", "status", "--url", "http://127.0.0.1:9");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("no shipper answers at http://127.0.0.1:9");
  }

  @Test
  void aWrongConfigIsRefusedNamingTheField() throws Exception {
    Path config = Files.writeString(dir.resolve("ship.yaml"), "output: {url: \"http://127.0.0.1:8080\", gzip: maybe}\n");
    CommandRun run = CommandRun.corral("ship", "--config", config.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("output.gzip").contains("maybe");
    assertThat(CommandRun.corral("ship").err()).contains("--config FILE is required");
  }

  /** An input of {@code count} records from one source, which counts what it is told is acknowledged. */
  static final class CountedInput implements Input, Source {
    private final int count;
    final AtomicLong acknowledged = new AtomicLong();

    CountedInput(int count) {
      this.count = count;
    }

    @Override
    public String name() {
      return "counted";
    }

    @Override
    public String id() {
      return "counted-source";
    }

    @Override
    public void acknowledged(long offset) {
      acknowledged.set(offset);
    }

    @Override
    public void run(RecordSink sink) throws InterruptedException {
      for (int i = 1; i <= count; i++) {
        sink.accept(new ShipRecord("{\"service\":\"shipstatus\",\"message\":\"record " + i + "\"}", this, i));
      }
    }

    @Override
    public List<SourceStatus> status() {
      return List.of(new SourceStatus(id(), count, acknowledged.get(), count, true));
    }

    @Override
    public void close() {
    }
  }
}
