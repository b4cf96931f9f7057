package dev.corral.ship.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShipConfigTest {
  @Test
  void theMinimalConfigOfTheIssueWorksAsWritten() {
    ShipConfig config = ShipConfig.parse("""
        output: {url: "http://127.0.0.1:8080"}
        inputs: [{paths: ["/var/log/app/*.log"], service: checkout}]
        """);
    assertThat(config.output().url()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    assertThat(config.output().format()).isEqualTo(OutputFormat.CORRAL);
    assertThat(config.output().gzip()).isTrue();
    assertThat(config.output().apiKey()).isNull();
    assertThat(config.output().batchEvents()).isEqualTo(OutputConfig.DEFAULT_BATCH_EVENTS);
    assertThat(config.inputs().get(0).path("service").asText()).isEqualTo("checkout");
    assertThat(config.inputs().get(0).path("paths").get(0).asText()).isEqualTo("/var/log/app/*.log");
    assertThat(config.registry()).isEqualTo(Path.of("./data/ship"));
    assertThat(config.spoolDir()).isEqualTo(Path.of("./data/ship/spool"));
    assertThat(config.spool().maxBytes()).isEqualTo(SpoolConfig.DEFAULT_MAX_BYTES);
    assertThat(config.status().listen().getPort()).isEqualTo(5066);
    assertThat(config.status().listen().getHostString()).isEqualTo("127.0.0.1");
  }

  @Test
  void readsEverySetting() {
    ShipConfig config = ShipConfig.parse("""
        output:
          url: "https://es.internal:9200/"
          format: elasticsearch
          api_key: "id:secret"
          index: logs-app
          batch_events: 500
          batch_bytes: 2MiB
          flush_interval: 250ms
          timeout: 10s
          gzip: false
        inputs: []
        registry: /var/lib/corral-ship
        spool: {max_bytes: 512MB, max_age: 2d, after: 1m}
        status: {listen: "0.0.0.0:0"}
        """);
    OutputConfig output = config.output();
    assertThat(output.url()).isEqualTo(URI.create("https://es.internal:9200"));
    assertThat(output.format()).isEqualTo(OutputFormat.ELASTICSEARCH);
    assertThat(output.apiKey()).isEqualTo("id:secret");
    assertThat(output.index()).isEqualTo("logs-app");
    assertThat(output.batchEvents()).isEqualTo(500);
    assertThat(output.batchBytes()).isEqualTo(2L << 20);
    assertThat(output.flushInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(output.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(output.gzip()).isFalse();
    assertThat(config.spool()).isEqualTo(new SpoolConfig(512L << 20, Duration.ofDays(2), Duration.ofMinutes(1)));
    assertThat(config.registry()).isEqualTo(Path.of("/var/lib/corral-ship"));
  }

  @Test
  void errorsNameTheField() {
    assertThatThrownBy(() -> ShipConfig.parse("inputs: []")).hasMessageContaining("output is missing");
    assertThatThrownBy(() -> ShipConfig.parse("output: {format: corral}")).hasMessageContaining("output.url");
    assertThatThrownBy(() -> ShipConfig.parse("output: {url: \"ftp://x\"}")).hasMessageContaining("output.url")
        .hasMessageContaining("ftp://x");
    assertThatThrownBy(() -> ShipConfig.parse("output: {url: \"http://x\", format: loki}"))
        .hasMessageContaining("output.format").hasMessageContaining("loki");
    assertThatThrownBy(() -> ShipConfig.parse("output: {url: \"http://x\", batch_events: 0}"))
        .hasMessageContaining("output.batch_events").hasMessageContaining("0");
    assertThatThrownBy(() -> ShipConfig.parse("output: {url: \"http://x\", flush_interval: soon}"))
        .hasMessageContaining("output.flush_interval").hasMessageContaining("soon");
    assertThatThrownBy(() -> ShipConfig.parse("output: {url: \"http://x\", batch_bytes: 1GiB}"))
        .hasMessageContaining("output.batch_bytes").hasMessageContaining(String.valueOf(1L << 30));
    assertThatThrownBy(() -> ShipConfig.parse("output: {url: \"http://x\", api_key: nocolon}"))
        .hasMessageContaining("output.api_key");
    assertThatThrownBy(() -> ShipConfig.parse("output: {url: \"http://x\"}\nspool: {max_size: 1}"))
        .hasMessageContaining("unknown setting spool.max_size");
    assertThatThrownBy(() -> ShipConfig.parse("output: {url: \"http://x\"}\nstatus: {listen: nowhere}"))
        .hasMessageContaining("status.listen").hasMessageContaining("nowhere");
    assertThatThrownBy(() -> ShipConfig.parse("output: {url: \"http://x\"}\ninputs: {paths: [a]}"))
        .hasMessageContaining("inputs must be a list");
    assertThatThrownBy(() -> ShipConfig.parse("outptu: {url: \"http://x\"}"))
        .hasMessageContaining("unknown setting outptu");
  }

  @Test
  void tlsFilesAreCheckedWhenTheConfigIsRead(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path missing = dir.resolve("ca.pem");
    assertThatThrownBy(() -> ShipConfig.parse("output: {url: \"https://x\", tls_ca: \"" + missing + "\"}"))
        .hasMessageContaining("output.tls_ca " + missing + " does not exist");
    Path garbage = java.nio.file.Files.writeString(dir.resolve("garbage.pem"), "not a certificate");
    assertThatThrownBy(() -> ShipConfig.parse("output: {url: \"https://x\", tls_ca: \"" + garbage + "\"}"))
        .hasMessageContaining("output.tls_ca " + garbage);
    assertThatThrownBy(() -> ShipConfig.parse("output: {url: \"http://x\", tls_ca: \"" + garbage + "\"}"))
        .hasMessageContaining("need an https:// url");
    assertThatThrownBy(() -> ShipConfig.parse("output: {url: \"https://x\", tls_cert: \"" + garbage + "\"}"))
        .hasMessageContaining("output.tls_cert and output.tls_key go together");
  }
}
