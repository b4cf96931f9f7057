package dev.corral.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Elasticsearch's ingest-pipeline API as Filebeat uses it: the module pipelines' PUT (answered with
 * Corral's built-in equivalents), GET (404 for unknown), {@code _bulk} actions naming a pipeline,
 * {@code ?pipeline=}, an index's default pipeline, {@code _simulate}. The request bodies are in the
 * shape Filebeat 8 sends (Filebeat itself cannot be installed here).
 */
class PipelineElasticsearchApiTest {
  private static final String FILEBEAT_NGINX = "filebeat-8.11.0-nginx-access-pipeline";
  /** The start of Filebeat 8.11's nginx access pipeline: Painless scripts Corral does not run. */
  private static final String FILEBEAT_NGINX_BODY = """
      {"description": "Pipeline for parsing Nginx access logs. Requires the geoip and user_agent plugins.",
       "processors": [
         {"set": {"field": "event.ingested", "value": "{{_ingest.timestamp}}"}},
         {"rename": {"field": "message", "target_field": "event.original", "ignore_missing": true,
                     "if": "ctx.event?.original == null"}},
         {"grok": {"field": "event.original", "patterns": ["%{NGINX_ACCESS}"], "ignore_missing": true}},
         {"script": {"lang": "painless", "tag": "Lowercase method",
                     "source": "ctx.http.request.method = ctx.http.request.method.toUpperCase(Locale.ROOT)"}}
       ],
       "on_failure": [{"set": {"field": "error.message", "value": "{{ _ingest.on_failure_message }}"}}]}""";

  @TempDir
  Path data;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of("pipelines.bulk_indices", "web-*=tagger"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private TestServer.Reply es(String method, String path, String body) {
    return server.send(method, path, body, "Content-Type", "application/json");
  }

  private TestServer.Reply bulk(String path, String body) {
    return server.send("POST", path, body, "Content-Type", "application/x-ndjson");
  }

  @Test
  void filebeatsNginxModuleGetsTheBuiltInEquivalentAndItsLinesAreParsed() throws Exception {
    assertThat(es("GET", "/_ingest/pipeline/" + FILEBEAT_NGINX, null).status()).isEqualTo(404);
    TestServer.Reply put = es("PUT", "/_ingest/pipeline/" + FILEBEAT_NGINX, FILEBEAT_NGINX_BODY);
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().path("acknowledged").asBoolean()).isTrue();
    JsonNode got = es("GET", "/_ingest/pipeline/" + FILEBEAT_NGINX, null).json().path(FILEBEAT_NGINX);
    assertThat(got.path("description").asText()).startsWith("Corral's built-in equivalent");
    String action = "{\"create\":{\"_index\":\"filebeat-8.11.0\",\"pipeline\":\"" + FILEBEAT_NGINX + "\"}}\n";
    String document = "{\"@timestamp\":\"2026-12-05T10:20:00.000Z\",\"message\":"
        + com.fasterxml.jackson.databind.node.TextNode.valueOf(PipelineIngestTest.NGINX_LINE)
        + ",\"event\":{\"dataset\":\"nginx.access\",\"module\":\"nginx\"},\"fileset\":{\"name\":\"access\"},"
        + "\"input\":{\"type\":\"log\"},\"service\":\"nginx\"}\n";
    JsonNode simulated = es("POST", "/_ingest/pipeline/" + FILEBEAT_NGINX + "/_simulate?verbose",
        "{\"docs\":[{\"_source\":" + document.trim() + "}]}").json();
    assertThat(simulated.path("docs").get(0).path("outcome").asText()).as(simulated.toString()).isEqualTo("kept");
    TestServer.Reply stored = bulk("/_bulk", action + document);
    assertThat(stored.status()).isEqualTo(200);
    assertThat(stored.json().path("errors").asBoolean()).isFalse();
    JsonNode event = server.awaitTotal("http.response.status_code:>=500 AND source.ip:203.0.113.9", 1)
        .path("events").get(0);
    assertThat(event.path("http.request.method").asText()).isEqualTo("GET");
    assertThat(event.path("url.original").asText()).isEqualTo("/api/orders?id=7");
    assertThat(event.path("http.response.body.bytes").asLong()).isEqualTo(157);
    assertThat(event.path("source.address").asText()).isEqualTo("203.0.113.9");
    assertThat(event.path("user_agent.name").asText()).isEqualTo("Chrome");
    assertThat(event.path("event.outcome").asText()).isEqualTo("failure");
    assertThat(event.path("timestamp").asText()).startsWith("2026-12-05T10:15:32");
    assertThat(event.has("pipeline.error.reason")).as(event.toString()).isFalse();
  }

  /** Simulates one line through a module pipeline installed by its Filebeat id; returns the final document. */
  private JsonNode throughModule(String fileset, String line) {
    String id = "filebeat-8.11.0-" + fileset + "-pipeline";
    assertThat(es("PUT", "/_ingest/pipeline/" + id, "{\"processors\":[{\"script\":{\"source\":\"x\"}}]}").status())
        .isEqualTo(200);
    JsonNode run = es("POST", "/_ingest/pipeline/" + id + "/_simulate?verbose", "{\"docs\":[{\"_source\":{\"message\":"
        + com.fasterxml.jackson.databind.node.TextNode.valueOf(line) + "}}]}").json().path("docs").get(0);
    assertThat(run.path("outcome").asText()).as(run.toString()).isEqualTo("kept");
    JsonNode source = run.path("doc").path("_source");
    assertThat(source.has("error.message")).as(source.toString()).isFalse();
    return source;
  }

  @Test
  void theOtherModulePipelinesParseTheirLines() {
    JsonNode nginxError = throughModule("nginx-error", "2026/12/05 10:15:32 [error] 1234#1234: *5 connect() failed "
        + "(111: Connection refused) while connecting to upstream, client: 203.0.113.9, server: shop");
    assertThat(nginxError.path("log.level").asText()).isEqualTo("error");
    assertThat(nginxError.path("process.pid").asLong()).isEqualTo(1234);
    assertThat(nginxError.path("message").asText()).startsWith("connect() failed");
    assertThat(nginxError.path("timestamp").asText()).startsWith("2026-12-05T10:15:32");

    JsonNode apacheAccess = throughModule("apache-access", "83.149.9.216 - - [05/Dec/2026:10:15:32 +0000] "
        + "\"GET /index.html HTTP/1.1\" 404 203 \"-\" \"curl/8.4.0\"");
    assertThat(apacheAccess.path("source.ip").asText()).isEqualTo("83.149.9.216");
    assertThat(apacheAccess.path("http.response.status_code").asLong()).isEqualTo(404);
    assertThat(apacheAccess.path("url.original").asText()).isEqualTo("/index.html");
    assertThat(apacheAccess.path("user_agent.name").asText()).isEqualTo("curl");
    assertThat(apacheAccess.path("event.outcome").asText()).isEqualTo("failure");

    JsonNode apacheError = throughModule("apache-error", "[Sat Dec 05 10:15:32.123456 2026] [proxy:error] "
        + "[pid 4321:tid 140] [client 203.0.113.9:52144] AH00898: Error reading from remote server");
    assertThat(apacheError.path("log.level").asText()).isEqualTo("error");
    assertThat(apacheError.path("source.ip").asText()).isEqualTo("203.0.113.9");
    assertThat(apacheError.path("process.pid").asLong()).isEqualTo(4321);
    assertThat(apacheError.path("message").asText()).isEqualTo("AH00898: Error reading from remote server");
    JsonNode apache22 = throughModule("apache-error", "[Sat Dec 05 10:15:32 2026] [error] [client 203.0.113.9] "
        + "File does not exist: /var/www/favicon.ico");
    assertThat(apache22.path("source.address").asText()).isEqualTo("203.0.113.9");
    assertThat(apache22.path("timestamp").asText()).startsWith("2026-12-05T10:15:32");
  }

  @Test
  void aDefinitionBeyondTheSubsetIsRefusedInElasticsearchsShape() {
    TestServer.Reply refused = es("PUT", "/_ingest/pipeline/custom", """
        {"processors": [{"set": {"field": "a", "value": "b"}},
                        {"script": {"source": "ctx.a = 1"}}]}""");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("error").path("type").asText()).isEqualTo("parse_exception");
    assertThat(refused.json().path("error").path("reason").asText()).contains("processor 2 (script)");
    assertThat(es("GET", "/_ingest/pipeline/custom", null).status()).isEqualTo(404);
    assertThat(es("GET", "/_ingest/pipeline/custom", null).body()).isEqualTo("{}");
    TestServer.Reply malformed = es("PUT", "/_ingest/pipeline/custom", "{\"processors\": [\n  {\"set\": {\"field\": }}]}");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().path("error").path("reason").asText()).contains("is malformed at line 2");
    TestServer.Reply painless = es("PUT", "/_ingest/pipeline/custom",
        "{\"processors\": [{\"set\": {\"field\": \"a\", \"value\": \"b\", \"if\": \"ctx.a.toLowerCase().contains('x')\"}}]}");
    assertThat(painless.status()).isEqualTo(400);
    assertThat(painless.json().path("error").path("reason").asText()).contains("processor 1 (set)");
  }

  @Test
  void bulkRunsTheActionsPipelineTheRequestsAndTheIndexDefault() throws Exception {
    assertThat(es("PUT", "/_ingest/pipeline/tagger", "{\"processors\":[{\"set\":{\"field\":\"by\",\"value\":\"index\"}}]}")
        .status()).isEqualTo(200);
    assertThat(es("PUT", "/_ingest/pipeline/named", "{\"processors\":[{\"set\":{\"field\":\"by\",\"value\":\"name\"}}]}")
        .status()).isEqualTo(200);
    String body = "{\"index\":{\"_index\":\"web-1\"}}\n{\"service\":\"b1\",\"message\":\"default\"}\n"
        + "{\"index\":{\"_index\":\"web-1\",\"pipeline\":\"named\"}}\n{\"service\":\"b2\",\"message\":\"action\"}\n"
        + "{\"index\":{\"_index\":\"other\"}}\n{\"service\":\"b3\",\"message\":\"none\"}\n";
    assertThat(bulk("/_bulk", body).json().path("errors").asBoolean()).isFalse();
    server.awaitTotal("service:b1 AND by:index", 1);
    server.awaitTotal("service:b2 AND by:name", 1);
    server.awaitTotal("service:b3", 1);
    assertThat(server.search("service:b3 AND by:*").path("total").asLong()).isZero();
    assertThat(bulk("/_bulk?pipeline=named", "{\"index\":{\"_index\":\"web-2\"}}\n{\"service\":\"b4\",\"message\":\"q\"}\n")
        .status()).isEqualTo(200);
    server.awaitTotal("service:b4 AND by:name", 1);
    TestServer.Reply unknown = bulk("/_bulk", "{\"index\":{\"pipeline\":\"nope\"}}\n{\"service\":\"b5\",\"message\":\"x\"}\n");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("pipeline 'nope' does not exist");
  }

  @Test
  void simulateAnswersInElasticsearchsShape() {
    es("PUT", "/_ingest/pipeline/up", "{\"processors\":[{\"uppercase\":{\"field\":\"who\"}}]}");
    JsonNode plain = es("POST", "/_ingest/pipeline/up/_simulate",
        "{\"docs\":[{\"_index\":\"i\",\"_id\":\"1\",\"_source\":{\"message\":\"m\",\"who\":\"ann\"}}]}").json();
    assertThat(plain.path("docs").get(0).path("doc").path("_source").path("who").asText()).isEqualTo("ANN");
    assertThat(plain.path("docs").get(0).path("doc").path("_id").asText()).isEqualTo("1");
    JsonNode verbose = es("POST", "/_ingest/pipeline/_simulate?verbose=true",
        "{\"pipeline\":{\"processors\":[{\"set\":{\"field\":\"a\",\"value\":\"1\"}},{\"lowercase\":{\"field\":\"who\"}}]},"
            + "\"docs\":[{\"_source\":{\"message\":\"m\",\"who\":\"ANN\"}}]}").json();
    JsonNode steps = verbose.path("docs").get(0).path("processor_results");
    assertThat(steps).hasSize(2);
    assertThat(steps.get(1).path("processor_type").asText()).isEqualTo("lowercase");
    assertThat(steps.get(1).path("doc").path("_source").path("who").asText()).isEqualTo("ann");
    assertThat(es("POST", "/_ingest/pipeline/missing/_simulate", "{\"docs\":[]}").status()).isEqualTo(404);
    assertThat(es("DELETE", "/_ingest/pipeline/up", null).json().path("acknowledged").asBoolean()).isTrue();
    assertThat(es("DELETE", "/_ingest/pipeline/up", null).status()).isEqualTo(404);
  }
}
