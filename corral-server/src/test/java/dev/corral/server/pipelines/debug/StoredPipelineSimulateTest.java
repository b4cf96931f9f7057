package dev.corral.server.pipelines.debug;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.server.TestServer;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.auth.Scope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/pipelines/{id}/simulate} over HTTP on a server with access control on: a stored
 * pipeline (calling another stored one) runs on lines and docs, {@code ?verbose=true} shows every processor
 * in order, nothing is stored and no live counter moves; an unknown or refused id is a 404, bad bodies are
 * 400s naming what is wrong, and only an admin key may simulate.
 */
class StoredPipelineSimulateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEB = """
      id: web
      processors:
        - dissect: {field: message, pattern: '%{client} %{verb} %{status}'}
        - convert: {field: status, type: long}
        - pipeline: {name: classify}
        - remove: {field: verb, if: "status:<400"}
      """;
  private static final String CLASSIFY = """
      id: classify
      processors:
        - route: {stream: errors, if: "status:>=500"}
        - tag: {tags: [server_error], if: "status:>=500"}
      """;

  @TempDir
  static Path data;
  private static TestServer server;
  private static String admin;
  private static String read;

  @BeforeAll
  static void start() throws IOException {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    admin = "Bearer " + keys.create(new KeySpec("admin", Scope.ADMIN, List.of(), null, null)).key();
    read = "Bearer " + keys.create(new KeySpec("read", Scope.READ, List.of(), null, null)).key();
    Files.createDirectories(data.resolve("pipelines"));
    Files.writeString(data.resolve("pipelines/broken.yaml"), "id: broken\nprocessors:\n  - lowercas: {field: a}\n");
    server = TestServer.start(data, Map.of("auth.mode", "keys"));
    assertThat(put("classify", CLASSIFY).status()).isEqualTo(200);
    assertThat(put("web", WEB).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void verboseShowsEveryProcessorOfTheStoredPipelineAndItsCalleeInOrder() throws Exception {
    TestServer.Reply reply = simulate("web?verbose=true", lines("10.0.0.1 GET 200", "10.0.0.2 POST 503"), admin);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode docs = reply.json().path("docs");
    assertThat(docs).hasSize(2);
    assertThat(docs.get(0).path("processor_results")).extracting(s -> s.path("processor_type").asText() + ":"
        + s.path("status").asText()).containsExactly("dissect:success", "convert:success", "route:skipped",
            "tag:skipped", "pipeline:success", "remove:success");
    assertThat(docs.get(0).path("processor_results").get(1).path("doc").path("_source").path("status").asInt())
        .isEqualTo(200);
    assertThat(docs.get(0).path("doc").path("_source").has("verb")).isFalse();
    assertThat(docs.get(0).path("input").path("_source").path("message").asText()).isEqualTo("10.0.0.1 GET 200");
    JsonNode error = docs.get(1).path("doc").path("_source");
    assertThat(error.path("stream").asText()).isEqualTo("errors");
    assertThat(error.path("tags").toString()).contains("server_error");
    assertThat(error.path("verb").asText()).isEqualTo("POST");
    assertThat(docs.get(1).path("outcome").asText()).isEqualTo("kept");
  }

  @Test
  void withoutVerboseEachSampleHasItsOutcomeAndFinalDocumentOnly() throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("docs").addObject().put("msg", "10.0.0.3 GET 404").put("service", "shop");
    TestServer.Reply reply = simulate("web", body, admin);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode doc = reply.json().path("docs").get(0);
    assertThat(doc.has("processor_results")).isFalse();
    assertThat(doc.path("outcome").asText()).isEqualTo("kept");
    assertThat(doc.path("doc").path("_source").path("status").asInt()).isEqualTo(404);
    assertThat(doc.path("doc").path("_source").path("service").asText()).isEqualTo("shop");
    assertThat(simulate("web?verbose=false", body, admin).json().path("docs").get(0).has("processor_results")).isFalse();
  }

  @Test
  void aSimulationStoresNothingAndMovesNoLiveCounter() throws Exception {
    assertThat(simulate("web?verbose=true", lines("10.0.0.1 GET 200"), admin).status()).isEqualTo(200);

    JsonNode stats = server.send("GET", "/api/v1/pipelines/web", null, "Authorization", read).json().path("stats");
    assertThat(stats.path("in").asLong()).as(stats.toString()).isZero();
    JsonNode search = JSON.readTree(server.send("GET", "/api/v1/search?q=*", null, "Authorization", read).body());
    assertThat(search.path("total").asLong()).as(search.toString()).isZero();
  }

  @Test
  void anUnknownOrRefusedPipelineIsA404() throws Exception {
    TestServer.Reply unknown = simulate("nosuch", lines("x"), admin);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("error").asText()).contains("no pipeline 'nosuch'");

    TestServer.Reply refused = simulate("broken", lines("x"), admin);
    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.json().path("error").asText()).contains("broken.yaml", "refused", "lowercas");

    TestServer.Reply notSimulate = server.post("/api/v1/pipelines/web", "{}".getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/json", "Authorization", admin);
    assertThat(notSimulate.status()).isEqualTo(404);
    assertThat(notSimulate.json().path("error").asText()).contains("/api/v1/pipelines/{id}/simulate");
  }

  @Test
  void badBodiesAreRefusedNamingWhatIsWrong() throws Exception {
    assertThat(error(raw("web", "not json"))).contains("not JSON");
    assertThat(error(raw("web", "[1]"))).contains("must be a JSON object");
    assertThat(error(raw("web", "{}"))).contains("exactly one of 'docs'");
    assertThat(error(raw("web", "{\"docs\": [], \"lines\": []}"))).contains("exactly one of 'docs'");
    assertThat(error(raw("web", "{\"lines\": \"one line\"}"))).contains("'lines' must be a list");
    assertThat(error(raw("web", "{\"lines\": [1]}"))).contains("lines[0] must be text");
    assertThat(error(raw("web", "{\"docs\": [\"text\"]}"))).contains("docs[0] must be a JSON object");
    assertThat(error(raw("web", "{\"lines\": [], \"definition\": \"id: x\"}"))).contains("unknown member 'definition'");
    assertThat(error(raw("web?verbose=maybe", "{\"lines\": []}"))).contains("?verbose", "maybe");
    String[] many = new String[DebugLimits.MAX_SAMPLES + 1];
    java.util.Arrays.fill(many, "10.0.0.1 GET 200");
    assertThat(error(simulate("web", lines(many), admin))).contains("limit of " + DebugLimits.MAX_SAMPLES);
    byte[] huge = ("{\"lines\": [\"" + "x".repeat(DebugLimits.MAX_BODY_BYTES) + "\"]}").getBytes(StandardCharsets.UTF_8);
    assertThat(server.post("/api/v1/pipelines/web/simulate", huge, "Content-Type", "application/json",
        "Authorization", admin).status()).isEqualTo(413);
  }

  @Test
  void onlyAnAdminKeyMaySimulate() throws Exception {
    assertThat(simulate("web", lines("10.0.0.1 GET 200"), read).status()).isEqualTo(403);
    assertThat(simulate("web", lines("10.0.0.1 GET 200"), null).status()).isEqualTo(401);
  }

  private static String error(TestServer.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    return reply.json().path("error").asText();
  }

  private static TestServer.Reply put(String id, String yaml) {
    return server.send("PUT", "/api/v1/pipelines/" + id, yaml, "Authorization", admin, "Content-Type", "application/yaml");
  }

  private static ObjectNode lines(String... lines) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode array = body.putArray("lines");
    for (String line : lines) {
      array.add(line);
    }
    return body;
  }

  private static TestServer.Reply raw(String idAndQuery, String body) {
    return server.post("/api/v1/pipelines/" + pathOf(idAndQuery), body.getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/json", "Authorization", admin);
  }

  private static TestServer.Reply simulate(String idAndQuery, ObjectNode body, String key) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    return key == null ? server.post("/api/v1/pipelines/" + pathOf(idAndQuery), bytes, "Content-Type", "application/json")
        : server.post("/api/v1/pipelines/" + pathOf(idAndQuery), bytes, "Content-Type", "application/json",
            "Authorization", key);
  }

  /** {@code web?verbose=true} → {@code web/simulate?verbose=true}. */
  private static String pathOf(String idAndQuery) {
    int query = idAndQuery.indexOf('?');
    return query < 0 ? idAndQuery + "/simulate"
        : idAndQuery.substring(0, query) + "/simulate" + idAndQuery.substring(query);
  }
}
