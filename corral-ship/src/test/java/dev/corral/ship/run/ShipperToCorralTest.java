package dev.corral.ship.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import dev.corral.ship.config.ShipConfig;
import dev.corral.ship.run.ConfiguredInputs;
import dev.corral.ship.status.StatusReport;
import dev.corral.ship.status.StatusServer;
import dev.corral.ship.testing.Counted;
import dev.corral.ship.testing.LogFiles;
import dev.corral.ship.testing.SharedCorral;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shipper delivering to a real Corral server, checked through the search API and its own status endpoint; in
 * both formats (Corral's {@code _bulk} is a real peer for the Elasticsearch format).
 */
class ShipperToCorralTest {
  private static TestServer server;

  @TempDir
  Path dir;

  @BeforeAll
  static void useTheSharedServer() throws Exception {
    server = SharedCorral.get();
  }

  @Test
  void toTheBulkApiEveryLineArrivesOnce() throws Exception {
    Path log = dir.resolve("bulk.log");
    LogFiles.append(log, "shipbulk", 1, 1_200);
    Shipper shipper = Shipper.start(ShipConfig.parse("""
        output: {url: "%s", format: elasticsearch, index: shipper-test, flush_interval: 100ms, batch_events: 500}
        inputs: [{paths: ["%s"]}]
        registry: "%s"
        status: {listen: "off"}
        """.formatted(server.uri(""), log, dir.resolve("registry"))), new ConfiguredInputs());
    try {
      server.awaitTotal("service:shipbulk", 1_200);
      assertThat(Counted.of(server, "shipbulk", 1_200)).isEqualTo(new Counted(0, 1, 0));
      StatusReport status = awaitAcknowledged(shipper, Files.size(log));
      assertThat(status.delivery().sentEvents()).isEqualTo(1_200);
      assertThat(status.delivery().rejectedEvents()).isZero();
    } finally {
      shipper.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void everyLineOfAFileArrivesOnceAndTheSourceIsAcknowledgedToItsEnd() throws Exception {
    Path log = dir.resolve("app.log");
    LogFiles.append(log, "shipcheckout", 1, 3_000);
    Shipper shipper = Shipper.start(config(server, log), new ConfiguredInputs());
    try {
      server.awaitTotal("service:shipcheckout", 3_000);
      assertThat(Counted.of(server, "shipcheckout", 3_000)).isEqualTo(new Counted(0, 1, 0));
      long size = Files.size(log);
      StatusReport status = awaitAcknowledged(shipper, size);
      assertThat(status.sources()).singleElement().satisfies(source -> {
        assertThat(source.read()).isEqualTo(size);
        assertThat(source.lagBytes()).isZero();
      });
      assertThat(status.delivery().sentEvents()).isEqualTo(3_000);
      assertThat(status.spool().batches()).isZero();

      JsonNode viaHttp = StatusServer.JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://" + hostPort(shipper) + "/status")).build(), HttpResponse.BodyHandlers.ofString())
          .body());
      assertThat(viaHttp.path("sources").path(0).path("acknowledged").asLong()).isEqualTo(size);
      assertThat(viaHttp.path("delivery").path("sent_events").asLong()).isEqualTo(3_000);
    } finally {
      shipper.stop(Duration.ofSeconds(5));
    }
  }

  static String hostPort(Shipper shipper) {
    return shipper.statusAddress().getHostString() + ":" + shipper.statusAddress().getPort();
  }

  static StatusReport awaitAcknowledged(Shipper shipper, long offset) throws InterruptedException {
    for (int attempt = 0; attempt < 400; attempt++) {
      StatusReport status = shipper.status();
      if (status.sources().stream().allMatch(source -> source.acknowledged() == offset)) {
        return status;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("never acknowledged up to " + offset + ": " + shipper.status());
  }

  private ShipConfig config(TestServer server, Path log) {
    return ShipConfig.parse("""
        output: {url: "%s", flush_interval: 100ms, batch_events: 500}
        inputs: [{paths: ["%s"], service: checkout}]
        registry: "%s"
        status: {listen: "127.0.0.1:0"}
        """.formatted(server.uri(""), log, dir.resolve("registry")));
  }
}
