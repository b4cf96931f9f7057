package dev.corral.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/pipelines}: list, get, put (YAML and JSON, validated), delete (refused while called). */
class PipelineAdminApiTest {
  private static final String YAML = "application/yaml";
  @TempDir
  Path data;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private TestServer.Reply put(String id, String body, String type) {
    return server.send("PUT", "/api/v1/pipelines/" + id, body, "Content-Type", type);
  }

  @Test
  void aPutDefinitionIsStoredDurablyListedAndRun() throws Exception {
    TestServer.Reply created = put("tagger", "id: tagger\ndescription: tags\nwhen: \"service:shop\"\nprocessors:\n"
        + "  - set: {field: team, value: payments}\n", YAML);
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.json().path("origin").asText()).isEqualTo("api");
    assertThat(Files.readString(data.resolve("pipelines/tagger.api.yaml"))).contains("team, value: payments");
    JsonNode listed = server.get("/api/v1/pipelines").json().path("pipelines").get(0);
    assertThat(listed.path("id").asText()).isEqualTo("tagger");
    assertThat(listed.path("when").asText()).isEqualTo("service:shop");
    assertThat(listed.path("stats").path("in").asLong()).isZero();
    server.ingest("{\"service\":\"shop\",\"message\":\"paid\"}\n");
    server.awaitTotal("team:payments", 1);
    JsonNode one = server.get("/api/v1/pipelines/tagger").json();
    assertThat(one.path("definition").asText()).startsWith("id: tagger");
    assertThat(one.path("stats").path("kept").asLong()).isEqualTo(1);
  }

  @Test
  void elasticsearchJsonIsTakenByContentType() {
    TestServer.Reply created = put("es-form", "{\"description\":\"d\",\"processors\":[{\"set\":{\"field\":\"a\","
        + "\"value\":\"b\",\"if\":\"ctx.service == 'x'\"}}]}", "application/json");
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.json().path("format").asText()).isEqualTo("json");
    assertThat(Files.exists(data.resolve("pipelines/es-form.api.json"))).isTrue();
  }

  @Test
  void aDefinitionThatDoesNotBuildIsRefusedWithItsLineAndNothingChanges() {
    assertThat(put("good", "id: good\nprocessors:\n  - set: {field: a, value: b}\n", YAML).status()).isEqualTo(200);
    TestServer.Reply malformed = put("good", "id: good\nprocessors:\n  - set: {field: a, value: [x\n", YAML);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body()).contains("malformed at line");
    TestServer.Reply unknownType = put("good", "id: good\nprocessors:\n  - set: {field: a, value: b}\n  - lowercas: {field: a}\n", YAML);
    assertThat(unknownType.status()).isEqualTo(400);
    assertThat(unknownType.body()).contains("processor 2 (lowercas) at line 4").contains("did you mean 'lowercase'");
    TestServer.Reply wrongId = put("good", "id: other\nprocessors: []\n", YAML);
    assertThat(wrongId.status()).isEqualTo(400);
    assertThat(wrongId.body()).contains("its id is 'other'");
    assertThat(server.get("/api/v1/pipelines/good").json().path("definition").asText()).contains("value: b}\n")
        .doesNotContain("lowercas");
    assertThat(server.send("PUT", "/api/v1/pipelines/good", "x".repeat(PipelineDirectory.MAX_FILE_BYTES + 1),
        "Content-Type", YAML).status()).isEqualTo(413);
  }

  @Test
  void aLoopIsRefusedAndACalledPipelineCannotBeDeleted() {
    assertThat(put("a", "id: a\nprocessors:\n  - set: {field: x, value: y}\n", YAML).status()).isEqualTo(200);
    assertThat(put("b", "id: b\nprocessors:\n  - pipeline: {name: a}\n", YAML).status()).isEqualTo(200);
    TestServer.Reply loop = put("a", "id: a\nprocessors:\n  - pipeline: {name: b}\n", YAML);
    assertThat(loop.status()).isEqualTo(400);
    assertThat(loop.body()).contains("makes a loop: b -> a -> b");
    TestServer.Reply called = server.send("DELETE", "/api/v1/pipelines/a", null);
    assertThat(called.status()).isEqualTo(409);
    assertThat(called.body()).contains("pipeline 'a' cannot be deleted");
    assertThat(server.send("DELETE", "/api/v1/pipelines/b", null).status()).isEqualTo(204);
    assertThat(server.send("DELETE", "/api/v1/pipelines/a", null).status()).isEqualTo(204);
    assertThat(server.send("DELETE", "/api/v1/pipelines/a", null).status()).isEqualTo(404);
    assertThat(server.get("/api/v1/pipelines/a").status()).isEqualTo(404);
  }
}
