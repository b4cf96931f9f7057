package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.config.ServerConfig;
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
}
