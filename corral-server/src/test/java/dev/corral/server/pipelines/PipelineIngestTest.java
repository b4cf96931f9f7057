package dev.corral.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipelines in the ingest path: definitions from the directory, selection, failures, reload without restart. */
class PipelineIngestTest {
  /** An nginx access line as the seeds' nginx writes it (combined format). */
  static final String NGINX_LINE = "203.0.113.9 - - [05/Dec/2026:10:15:32 +0000] \"GET /api/orders?id=7 HTTP/1.1\" 502 "
      + "157 \"-\" \"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36\"";
  static final String NGINX = """
      id: nginx
      description: nginx access lines
      when: "service:web"
      processors:
        - grok:
            field: message
            patterns:
              - '%{IPORHOST:source.address} - (?:-|%{DATA:user.name}) \\[%{HTTPDATE:nginx.access.time}\\] "%{WORD:http.request.method} %{NOTSPACE:url.original} HTTP/%{NUMBER:http.version}" %{INT:http.response.status_code:int} (?:-|%{INT:http.response.body.bytes:long}) "(?:-|%{DATA:http.request.referrer})" "(?:-|%{DATA:user_agent.original})"'
        - date: {field: nginx.access.time, formats: ["dd/MMM/yyyy:HH:mm:ss Z"]}
        - remove: {field: nginx.access.time}
      """;

  @TempDir
  Path data;

  private TestServer start(Map<String, String> overrides) throws Exception {
    return TestServer.start(data, overrides);
  }

  private void writeDefinition(String name, String text) throws Exception {
    Files.createDirectories(data.resolve("pipelines"));
    Files.writeString(data.resolve("pipelines").resolve(name), text);
  }

  private static String event(String service, String message) {
    return "{\"service\":\"" + service + "\",\"message\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(message)
        + "}\n";
  }

  @Test
  void aDefinitionFileIsSelectedByItsWhenRuleAndByName() throws Exception {
    writeDefinition("nginx.yaml", NGINX);
    try (TestServer server = start(Map.of())) {
      assertThat(server.ingest(event("web", NGINX_LINE)).status()).isEqualTo(200);
      assertThat(server.post("/api/v1/ingest?pipeline=nginx", event("edge", NGINX_LINE).getBytes()).status())
          .isEqualTo(200);
      assertThat(server.ingest(event("other", NGINX_LINE)).status()).isEqualTo(200);
      JsonNode parsed = server.awaitTotal("http.response.status_code:>=500", 2);
      assertThat(parsed.path("events").get(0).path("source.address").asText()).isEqualTo("203.0.113.9");
      server.awaitTotal("service:other", 1);
      assertThat(server.search("service:other AND http.response.status_code:*").path("total").asLong()).isZero();
      JsonNode stats = server.get("/api/v1/stats").json().path("pipelines").path("pipelines").path("nginx");
      assertThat(stats.path("kept").asLong()).isEqualTo(2);
      assertThat(stats.path("processors").get(0).path("type").asText()).isEqualTo("grok");
      assertThat(server.get("/metrics").body())
          .contains("corral_pipeline_events_total{outcome=\"kept\",pipeline=\"nginx\"} 2.0");
    }
  }

  @Test
  void anInputsDefaultRunsWhenTheRequestNamesNoneAndNoneSkipsEveryRule() throws Exception {
    writeDefinition("nginx.yaml", NGINX);
    try (TestServer server = start(Map.of("pipelines.inputs", "raw=nginx,ndjson=missing"))) {
      assertThat(server.post("/api/v1/ingest/raw?service=edge", (NGINX_LINE + "\n").getBytes(), "Content-Type",
          "text/plain").status()).isEqualTo(200);
      server.awaitTotal("service:edge AND http.response.status_code:502", 1);
      server.ingest(event("unparsed", "x"));
      JsonNode marked = server.awaitTotal("service:unparsed", 1).path("events").get(0);
      assertThat(marked.path("pipeline.error.pipeline").asText()).isEqualTo("missing");
      assertThat(marked.path("pipeline.error.reason").asText()).contains("default of input 'ndjson'", "is not loaded");
      server.post("/api/v1/ingest?pipeline=_none", event("web", NGINX_LINE).getBytes());
      server.awaitTotal("service:web", 1);
      assertThat(server.search("service:web AND http.response.status_code:*").path("total").asLong()).isZero();
    }
  }

  @Test
  void anUnknownPipelineIsRefusedNamingTheNearestAndNothingIsStored() throws Exception {
    writeDefinition("nginx.yaml", NGINX);
    try (TestServer server = start(Map.of())) {
      TestServer.Reply refused = server.post("/api/v1/ingest?pipeline=ngnix", event("web", "x").getBytes());
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body()).contains("pipeline 'ngnix' does not exist").contains("did you mean 'nginx'");
      server.ingest(event("marker", "after"));
      server.awaitTotal("service:marker", 1);
      assertThat(server.search("service:web").path("total").asLong()).isZero();
    }
  }

  @Test
  void aBadFileIsRefusedWithItsLineAndTheOthersLoad() throws Exception {
    writeDefinition("nginx.yaml", NGINX);
    writeDefinition("broken.yaml", "id: broken\nprocessors:\n  - set: {field: a, value: [unclosed\n");
    writeDefinition("unknown.yaml", "id: unknown\nprocessors:\n  - lowercas: {field: a}\n");
    try (TestServer server = start(Map.of())) {
      JsonNode pipelines = server.get("/api/v1/stats").json().path("pipelines");
      assertThat(pipelines.path("pipelines").has("nginx")).isTrue();
      List<String> refused = new ArrayList<>();
      pipelines.path("refused").forEach(file -> refused.add(file.path("file").asText() + ": " + file.path("error").asText()));
      assertThat(refused).hasSize(2);
      assertThat(refused.get(0)).startsWith("broken.yaml: ").contains("is malformed at line 3");
      assertThat(refused.get(1)).startsWith("unknown.yaml: ").contains("did you mean 'lowercase'");
      JsonNode listed = server.get("/api/v1/pipelines").json().path("pipelines");
      assertThat(listed).hasSize(3);
      assertThat(server.ingest(event("web", NGINX_LINE)).status()).isEqualTo(200);
      server.awaitTotal("http.response.status_code:502", 1);
    }
  }

  @Test
  void aFailingProcessorKeepsTheEventWithPipelineErrorAndTheOriginalLine() throws Exception {
    writeDefinition("strict.yaml", """
        id: strict
        processors:
          - set: {field: stage, value: before}
          - grok: {field: message, patterns: ["^%{INT:n}$"]}
        """);
    writeDefinition("slow.yaml", """
        id: slow
        processors:
          - grok: {field: message, patterns: ["^(a+)+$"], timeout_millis: 20}
        """);
    try (TestServer server = start(Map.of())) {
      assertThat(server.post("/api/v1/ingest?pipeline=strict", event("s", "not a number").getBytes()).status())
          .isEqualTo(200);
      JsonNode failed = server.awaitTotal("pipeline.error.processor:grok", 1).path("events").get(0);
      assertThat(failed.path("message").asText()).isEqualTo("not a number");
      assertThat(failed.path("stage").asText()).isEqualTo("before");
      assertThat(failed.path("pipeline.error.pipeline").asText()).isEqualTo("strict");

      String catastrophic = "a".repeat(64) + "!";
      assertThat(server.post("/api/v1/ingest?pipeline=slow", (event("budget", catastrophic) + event("budget", "aaaa"))
          .getBytes()).status()).isEqualTo(200);
      JsonNode timedOut = server.awaitTotal("service:budget AND pipeline.error.reason:*timed*", 1);
      assertThat(timedOut.path("events").get(0).path("message").asText()).isEqualTo(catastrophic);
      server.awaitTotal("service:budget", 2);
      JsonNode stats = server.get("/api/v1/stats").json().path("pipelines").path("pipelines");
      assertThat(stats.path("slow").path("failed").asLong()).isEqualTo(1);
      assertThat(stats.path("slow").path("kept").asLong()).isEqualTo(1);
    }
  }

  @Test
  void droppedEventsAreCountedNotStored() throws Exception {
    writeDefinition("quiet.yaml", """
        id: quiet
        when: "service:chatty"
        processors:
          - drop: {if: "level:DEBUG"}
        """);
    try (TestServer server = start(Map.of())) {
      server.ingest("{\"service\":\"chatty\",\"level\":\"DEBUG\",\"message\":\"noise\"}\n"
          + "{\"service\":\"chatty\",\"level\":\"ERROR\",\"message\":\"signal\"}\n");
      server.awaitTotal("service:chatty", 1);
      assertThat(server.search("service:chatty AND noise").path("total").asLong()).isZero();
      assertThat(server.get("/api/v1/stats").json().path("pipelines").path("pipelines").path("quiet")
          .path("dropped").asLong()).isEqualTo(1);
    }
  }

  @Test
  void anEditedFileIsReloadedWithoutRestart() throws Exception {
    writeDefinition("tagger.yaml", "id: tagger\nwhen: \"service:app\"\nprocessors:\n  - set: {field: version, value: one}\n");
    try (TestServer server = start(Map.of("pipelines.reload_interval", "100ms"))) {
      server.ingest(event("app", "first"));
      server.awaitTotal("version:one", 1);
      writeDefinition("tagger.yaml",
          "id: tagger\nwhen: \"service:app\"\nprocessors:\n  - set: {field: version, value: two}\n# edited\n");
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (server.search("version:two").path("total").asLong() == 0 && System.nanoTime() < deadline) {
        server.ingest(event("app", "again"));
        Thread.sleep(100);
      }
      assertThat(server.search("version:two").path("total").asLong()).isPositive();
    }
  }

  @Test
  void requestsInFlightDuringSwapsLoseNoEvent() throws Exception {
    writeDefinition("swap.yaml", "id: swap\nprocessors:\n  - set: {field: version, value: v0}\n");
    try (TestServer server = start(Map.of())) {
      int requests = 40;
      int perRequest = 25;
      ExecutorService senders = Executors.newFixedThreadPool(4);
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int r = 0; r < requests; r++) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < perRequest; i++) {
          body.append(event("swapped", "r" + r + "e" + i));
        }
        statuses.add(senders.submit(() -> server.post("/api/v1/ingest?pipeline=swap", body.toString().getBytes()).status()));
      }
      for (int v = 1; v <= 5; v++) {
        assertThat(server.send("PUT", "/api/v1/pipelines/swap",
            "id: swap\nprocessors:\n  - set: {field: version, value: v" + v + "}\n", "Content-Type", "application/yaml")
            .status()).isEqualTo(200);
      }
      for (Future<Integer> status : statuses) {
        assertThat(status.get()).isEqualTo(200);
      }
      senders.shutdown();
      server.awaitTotal("service:swapped", (long) requests * perRequest);
      assertThat(server.search("service:swapped AND NOT version:*").path("total").asLong()).isZero();
    }
  }
}
