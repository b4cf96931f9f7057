package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.config.ServerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's settings: {@code --set} reaches the configuration as the YAML file would give it. */
class ServerOptionsTest {
  @Test
  void setTakesACommaSeparatedListForAListSetting() {
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs("--set", "http.allowed_hosts=logs.example.com, corral.internal",
        "--set", "http.allowed_origins=https://a.example,https://b.example", "--set", "http.port=9200");
    ServerConfig config = command.options.resolve();
    assertThat(config.http().allowedHosts()).containsExactly("logs.example.com", "corral.internal");
    assertThat(config.http().allowedOrigins()).containsExactly("https://a.example", "https://b.example");
    assertThat(config.http().port()).isEqualTo(9200);
  }

  @Test
  void theDemoKeepsAMonthUnlessTheUserSetsRetention() {
    DemoCommand demo = new DemoCommand();
    new CommandLine(demo).parseArgs();
    assertThat(demo.server.resolve(DemoCommand.DEMO_PRESETS).retention().maxAge()).isEqualTo(Duration.ofDays(30));

    DemoCommand forever = new DemoCommand();
    new CommandLine(forever).parseArgs("--set", "retention.max_age=0");
    assertThat(forever.server.resolve(DemoCommand.DEMO_PRESETS).retention().maxAge()).isZero();

    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs();
    assertThat(serve.options.resolve().retention().maxAge()).as("built-in default: keep forever").isZero();
  }
}
