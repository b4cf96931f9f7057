package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.demo.DemoFleet;
import dev.corral.demo.FleetConfig;
import dev.corral.server.CorralServer;
import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What {@code ./corral demo} promises: a server with the demo fleet logging into it answers
 * {@code level:ERROR} with events within 30 seconds, traces span several services, every event
 * the fleet sends is accepted (normalization handles each reference shape), and {@code corral
 * search} prints them.
 */
class DemoEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void demoFleetErrorsAreSearchableWithinThirtySeconds(@TempDir Path data) throws Exception {
    ServerConfig config = ServerConfig.from(ConfigLoader.load(null, Map.of(),
        Map.of("http.port", "0", "otlp.grpc_port", "0", "data.dir", data.toString(), "storage.min_free_bytes", "0",
            "syslog.udp_port", "0", "syslog.tcp_port", "0", "gelf.udp_port", "0", "gelf.tcp_port", "0", "fluent.port", "0")));
    try (CorralServer server = CorralServer.start(config);
        DemoFleet fleet = new DemoFleet(new FleetConfig(URI.create(server.url()), 500, 42, Duration.ofMillis(200)))) {
      fleet.start();
      JsonNode errors = awaitEvents(server.url(), "level:ERROR", Duration.ofSeconds(30));
      assertThat(errors.path("total").asLong()).isPositive();

      String traceId = errors.path("events").get(0).path("trace_id").asText();
      assertThat(traceId).isNotEmpty();
      // the trace's other services may log after the error and become searchable a refresh later
      java.util.Set<String> services = new java.util.HashSet<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (services.size() < 2 && System.nanoTime() < deadline) {
        search(server.url(), "trace_id:" + traceId).path("events")
            .forEach(event -> services.add(event.path("service").asText()));
        if (services.size() < 2) {
          Thread.sleep(250);
        }
      }
      assertThat(services).as("services in trace %s", traceId).hasSizeGreaterThanOrEqualTo(2);

      for (String service : new String[] {"api-gateway", "recommendation", "inventory", "search-service", "sms-gateway"}) {
        assertThat(search(server.url(), "service:" + service).path("total").asLong())
            .as("events normalized from %s's log shape", service).isPositive();
      }
      assertThat(fleet.stats().eventsRejected()).as("fleet events rejected: %s", fleet.stats().lastError()).isZero();

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream originalOut = System.out;
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      int exit;
      try {
        exit = new CommandLine(new CorralCommand()).execute("search", "level:ERROR", "--since", "15m", "-n", "3",
            "--url", server.url(), "--color", "never");
      } finally {
        System.setOut(originalOut);
      }
      assertThat(exit).isZero();
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(printed.lines()).hasSizeBetween(1, 3).allSatisfy(line -> assertThat(line).contains(" ERROR ").doesNotContain("\u001b["));
    }
  }

  private JsonNode awaitEvents(String base, String query, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode result;
    do {
      result = search(base, query);
      if (result.path("total").asLong() > 0) {
        return result;
      }
      Thread.sleep(250);
    } while (System.nanoTime() < deadline);
    return result;
  }

  private JsonNode search(String base, String query) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/search?limit=50&q="
        + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
