package dev.corral.server.inputs.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@code Input} keeps, checked on the real server for every input the catalog
 * builds: a unique name, stats with what it stored and had refused, a socket input bound on start
 * (its port in the stats) and released when the server stops.
 */
class InputCatalogTest {
  private static final List<String> HTTP_INPUTS = List.of("ndjson", "raw", "bulk", "otlp", "loki", "gelf");
  private static final List<String> TCP_INPUTS = List.of("otlp-grpc", "syslog-tcp", "gelf-tcp", "fluent", "beats");

  @TempDir
  Path data;

  @Test
  void everyConfiguredInputStartsReportsItsStatsAndReleasesItsPortOnStop() throws Exception {
    Map<String, String> everyPort = Map.of("otlp.grpc_port", "0", "syslog.udp_port", "0", "syslog.tcp_port", "0",
        "gelf.udp_port", "0", "gelf.tcp_port", "0", "fluent.port", "0", "beats.port", "0");
    List<Integer> tcpPorts = new ArrayList<>();
    try (TestServer server = TestServer.start(data, everyPort)) {
      JsonNode inputs = server.get("/api/v1/stats").json().path("inputs");
      List<String> names = new ArrayList<>();
      inputs.fieldNames().forEachRemaining(names::add);
      assertThat(names).as("in start order, each once").containsExactly("ndjson", "raw", "bulk", "otlp", "loki", "gelf",
          "otlp-grpc", "syslog-udp", "syslog-tcp", "gelf-udp", "gelf-tcp", "fluent", "beats");
      for (String name : names) {
        JsonNode stats = inputs.path(name);
        assertThat(stats.path("events").isIntegralNumber()).as(name + " events").isTrue();
        assertThat(stats.path("dead_letters").isIntegralNumber()).as(name + " dead_letters").isTrue();
        assertThat(stats.path("refused_requests").isIntegralNumber()).as(name + " refused_requests").isTrue();
        if (!HTTP_INPUTS.contains(name)) {
          int port = server.server().inputPort(name);
          assertThat(port).as(name + " bound").isPositive();
          assertThat(stats.path("port").asInt()).as(name + " port in its stats").isEqualTo(port);
          assertThat(stats.path("listens_on").get(0).asText()).as(name + " listens on its port")
              .endsWith(":" + port);
        } else {
          assertThat(stats.path("listens_on").get(0).asText()).as(name + " listens on its routes")
              .matches("[A-Z]+ /.*");
        }
      }
      for (String name : TCP_INPUTS) {
        int port = server.server().inputPort(name);
        new Socket("127.0.0.1", port).close();
        tcpPorts.add(port);
      }
    }
    for (int port : tcpPorts) {
      new ServerSocket(port).close(); // binds only if the stopped input released it
    }
  }

  @Test
  void aSocketInputIsOnOnlyWhenItsPortIsConfigured() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      List<String> names = new ArrayList<>();
      server.get("/api/v1/stats").json().path("inputs").fieldNames().forEachRemaining(names::add);
      assertThat(names).containsExactlyElementsOf(HTTP_INPUTS);
      assertThat(server.server().inputPort("syslog-tcp")).isEqualTo(-1);
      assertThat(server.server().otlpGrpcPort()).isEqualTo(-1);
    }
  }
}
