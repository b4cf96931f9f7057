package dev.corral.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.auth.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index's default pipeline as Elasticsearch has it: set by {@code PUT /{index}} with {@code
 * settings.index.default_pipeline} or by {@code PUT /{index}/_settings}, run by {@code _bulk} for the
 * index's documents when nothing names another ({@code ?pipeline=} and the action's {@code pipeline} win,
 * {@code _none} runs none), kept across a restart, an admin write, and refused with Elasticsearch's
 * errors for bad input.
 */
class IndexDefaultPipelineTest {
  private static final String TAGGER = "{\"processors\":[{\"set\":{\"field\":\"tagged_by\",\"value\":\"tagger\"}}]}";
  private static final String OTHER = "{\"processors\":[{\"set\":{\"field\":\"tagged_by\",\"value\":\"other\"}}]}";

  @TempDir
  Path data;

  private static TestServer.Reply es(TestServer server, String method, String path, String body, String... auth) {
    String[] headers = auth.length == 0 ? new String[] {"Content-Type", "application/json"}
        : new String[] {"Content-Type", "application/json", "Authorization", auth[0]};
    return server.send(method, path, body, headers);
  }

  private static TestServer.Reply bulk(TestServer server, String path, String index, String message, String actionExtra) {
    String body = "{\"create\":{\"_index\":\"" + index + "\"" + actionExtra + "}}\n{\"message\":\"" + message + "\"}\n";
    return server.send("POST", path, body, "Content-Type", "application/x-ndjson");
  }

  private static String taggedBy(TestServer server, String message) throws InterruptedException {
    JsonNode event = server.awaitTotal("message:" + message, 1).path("events").get(0);
    return event.path("tagged_by").asText("(none)");
  }

  @Test
  void aDefaultPipelineSetOnAnIndexRunsForItsBulkDocumentsUnlessTheRequestNamesAnother() throws Exception {
    try (TestServer server = TestServer.start(data, Map.of())) {
      assertThat(es(server, "PUT", "/_ingest/pipeline/tagger", TAGGER).status()).isEqualTo(200);
      assertThat(es(server, "PUT", "/_ingest/pipeline/other", OTHER).status()).isEqualTo(200);
      TestServer.Reply created = es(server, "PUT", "/logs-web",
          "{\"settings\":{\"index\":{\"default_pipeline\":\"tagger\",\"number_of_shards\":1}}}");
      assertThat(created.status()).as(created.body()).isEqualTo(200);
      assertThat(created.json().path("index").asText()).isEqualTo("logs-web");

      assertThat(bulk(server, "/_bulk", "logs-web", "plain1", "").status()).isEqualTo(200);
      assertThat(bulk(server, "/_bulk?pipeline=other", "logs-web", "overridden2", "").status()).isEqualTo(200);
      assertThat(bulk(server, "/_bulk", "logs-web", "action3", ",\"pipeline\":\"other\"").status()).isEqualTo(200);
      assertThat(bulk(server, "/_bulk?pipeline=_none", "logs-web", "disabled4", "").status()).isEqualTo(200);
      assertThat(bulk(server, "/_bulk", "logs-other", "elsewhere5", "").status()).isEqualTo(200);
      assertThat(bulk(server, "/es/logs-web/_bulk", "logs-web", "mounted6", "").status()).isEqualTo(200);
      assertThat(taggedBy(server, "plain1")).isEqualTo("tagger");
      assertThat(taggedBy(server, "overridden2")).isEqualTo("other");
      assertThat(taggedBy(server, "action3")).isEqualTo("other");
      assertThat(taggedBy(server, "disabled4")).isEqualTo("(none)");
      assertThat(taggedBy(server, "elsewhere5")).isEqualTo("(none)");
      assertThat(taggedBy(server, "mounted6")).isEqualTo("tagger");

      TestServer.Reply changed = es(server, "PUT", "/logs-web/_settings", "{\"index.default_pipeline\":\"other\"}");
      assertThat(changed.status()).as(changed.body()).isEqualTo(200);
      assertThat(changed.json().path("acknowledged").asBoolean()).isTrue();
      assertThat(bulk(server, "/logs-web/_bulk", "logs-web", "changed7", "").status()).isEqualTo(200);
      assertThat(taggedBy(server, "changed7")).isEqualTo("other");
      JsonNode settings = es(server, "GET", "/es/logs-web/_settings", null).json();
      assertThat(settings.path("logs-web").path("settings").path("index").path("default_pipeline").asText())
          .isEqualTo("other");

      TestServer.Reply inUse = es(server, "DELETE", "/_ingest/pipeline/other", null);
      assertThat(inUse.status()).isEqualTo(409);
      assertThat(inUse.body()).contains("default pipeline of 1 index(es) [logs-web]");

      assertThat(es(server, "PUT", "/logs-web/_settings", "{\"index\":{\"default_pipeline\":\"_none\"}}").status())
          .isEqualTo(200);
      assertThat(bulk(server, "/_bulk", "logs-web", "none8", "").status()).isEqualTo(200);
      assertThat(taggedBy(server, "none8")).isEqualTo("(none)");
      assertThat(es(server, "PUT", "/logs-web/_settings", "{\"default_pipeline\":\"tagger\"}").status()).isEqualTo(200);
    }
    try (TestServer restarted = TestServer.start(data, Map.of())) {
      assertThat(es(restarted, "GET", "/es/logs-web/_settings", null).json().path("logs-web").path("settings")
          .path("index").path("default_pipeline").asText()).as("kept across a restart").isEqualTo("tagger");
      assertThat(bulk(restarted, "/_bulk", "logs-web", "restarted9", "").status()).isEqualTo(200);
      assertThat(taggedBy(restarted, "restarted9")).isEqualTo("tagger");
      assertThat(es(restarted, "PUT", "/logs-web/_settings", "{\"index\":{\"default_pipeline\":null}}").status())
          .isEqualTo(200);
      assertThat(bulk(restarted, "/_bulk", "logs-web", "removed10", "").status()).isEqualTo(200);
      assertThat(taggedBy(restarted, "removed10")).isEqualTo("(none)");
      assertThat(es(restarted, "DELETE", "/_ingest/pipeline/other", null).status()).as("no longer any index's default")
          .isEqualTo(200);
    }
  }

  @Test
  void badSettingsAreRefusedWithElasticsearchsErrorsAndChangeNothing() throws Exception {
    try (TestServer server = TestServer.start(data, Map.of())) {
      assertThat(es(server, "PUT", "/_ingest/pipeline/tagger", TAGGER).status()).isEqualTo(200);
      assertThat(es(server, "PUT", "/logs-web", "{}").status()).isEqualTo(200);

      TestServer.Reply unknownIndex = es(server, "PUT", "/never-created/_settings", "{\"index.default_pipeline\":\"tagger\"}");
      assertThat(unknownIndex.status()).isEqualTo(404);
      assertThat(unknownIndex.json().path("error").path("type").asText()).isEqualTo("index_not_found_exception");
      assertThat(unknownIndex.body()).contains("never-created", "PUT /never-created");
      assertThat(es(server, "GET", "/es/never-created/_settings", null).status()).isEqualTo(404);

      TestServer.Reply unknownPipeline = es(server, "PUT", "/logs-web/_settings", "{\"index.default_pipeline\":\"tager\"}");
      assertThat(unknownPipeline.status()).isEqualTo(400);
      assertThat(unknownPipeline.body()).contains("'tager'", "does not exist", "did you mean 'tagger'");

      TestServer.Reply notJson = es(server, "PUT", "/logs-web/_settings", "{\"index\": ");
      assertThat(notJson.status()).isEqualTo(400);
      assertThat(notJson.json().path("error").path("type").asText()).isEqualTo("parse_exception");

      TestServer.Reply notText = es(server, "PUT", "/logs-web/_settings", "{\"index\":{\"default_pipeline\":42}}");
      assertThat(notText.status()).isEqualTo(400);
      assertThat(notText.body()).contains("[42]", "index.default_pipeline");

      TestServer.Reply notObject = es(server, "PUT", "/logs-x", "{\"settings\":[1,2]}");
      assertThat(notObject.status()).isEqualTo(400);
      assertThat(notObject.body()).contains("[settings] must be a JSON object");

      TestServer.Reply finalPipeline = es(server, "PUT", "/logs-web/_settings", "{\"index.final_pipeline\":\"tagger\"}");
      assertThat(finalPipeline.status()).isEqualTo(400);
      assertThat(finalPipeline.body()).contains("index.final_pipeline is not supported");

      TestServer.Reply badName = es(server, "PUT", "/Logs-Upper", "{\"settings\":{\"index.default_pipeline\":\"tagger\"}}");
      assertThat(badName.status()).isEqualTo(400);
      assertThat(badName.json().path("error").path("type").asText()).isEqualTo("invalid_index_name_exception");

      assertThat(bulk(server, "/_bulk", "logs-web", "unchanged1", "").status()).isEqualTo(200);
      assertThat(taggedBy(server, "unchanged1")).as("no refused change took effect").isEqualTo("(none)");
      assertThat(es(server, "GET", "/es/logs-web/_settings", null).json().path("logs-web").path("settings")
          .path("index").has("default_pipeline")).isFalse();
    }
  }

  @Test
  void onlyAnAdminKeySetsADefaultPipeline() throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    String ingest = "Bearer " + keys.create(new KeySpec("shipper", Scope.INGEST, List.of(), null, null)).key();
    String admin = "Bearer " + keys.create(new KeySpec("admin", Scope.ADMIN, List.of(), null, null)).key();
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys"))) {
      assertThat(es(server, "PUT", "/_ingest/pipeline/tagger", TAGGER, admin).status()).isEqualTo(200);
      assertThat(es(server, "PUT", "/logs-web", "{\"settings\":{\"number_of_shards\":1}}", ingest).status())
          .as("creating an index without a pipeline stays a shipper's call").isEqualTo(200);
      TestServer.Reply create = es(server, "PUT", "/logs-app", "{\"settings\":{\"index.default_pipeline\":\"tagger\"}}",
          ingest);
      assertThat(create.status()).isEqualTo(403);
      assertThat(create.json().path("error").path("type").asText()).isEqualTo("security_exception");
      assertThat(es(server, "PUT", "/logs-web/_settings", "{\"index.default_pipeline\":\"tagger\"}", ingest).status())
          .isEqualTo(403);
      assertThat(Files.readString(data.resolve("pipelines").resolve(IndexDefaultPipelines.FILE_NAME)))
          .contains("logs-web").doesNotContain("logs-app").doesNotContain("\"tagger\"");
      assertThat(es(server, "PUT", "/logs-web/_settings", "{\"index.default_pipeline\":\"tagger\"}", admin).status())
          .isEqualTo(200);
    }
  }
}
