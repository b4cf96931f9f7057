package dev.corral.server.inputs.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Elasticsearch low-level REST client sends _bulk (plain and gzip) and reads Elasticsearch's answer. */
class BulkRestClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

  @TempDir
  Path data;
  TestServer server;
  RestClient client;

  @AfterEach
  void stop() throws IOException {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private RestClient client(String pathPrefix, boolean gzip) {
    var builder = RestClient.builder(new HttpHost("127.0.0.1", server.server().port(), "http"))
        .setCompressionEnabled(gzip);
    if (pathPrefix != null) {
      builder.setPathPrefix(pathPrefix);
    }
    return builder.build();
  }

  private static JsonNode bulk(RestClient client, String path, String body) throws IOException {
    Request request = new Request("POST", path);
    request.setEntity(new NStringEntity(body, NDJSON));
    Response response = client.performRequest(request);
    assertThat(response.getStatusLine().getStatusCode()).isEqualTo(200);
    assertThat(response.getHeader("X-Elastic-Product")).isEqualTo("Elasticsearch");
    return JSON.readTree(EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8));
  }

  @Test
  void plainBulkIsStoredAndAnsweredPerItemWithTheMalformedDocumentAsDeadLetter() throws Exception {
    server = TestServer.start(data);
    client = client(null, false);
    JsonNode answer = bulk(client, "/_bulk", BulkSamples.body("shop", "shop-logs", "trace-plain"));

    assertThat(answer.path("errors").asBoolean()).isTrue();
    assertThat(answer.path("took").isNumber()).isTrue();
    JsonNode items = answer.path("items");
    assertThat(items).hasSize(4);
    assertThat(items.get(0).path("index").path("status").asInt()).isEqualTo(201);
    assertThat(items.get(0).path("index").path("_id").asText()).isEqualTo("u-1");
    assertThat(items.get(0).path("index").path("_index").asText()).isEqualTo("shop-logs");
    assertThat(items.get(0).path("index").path("result").asText()).isEqualTo("created");
    assertThat(items.get(1).path("create").path("status").asInt()).isEqualTo(201);
    assertThat(items.get(2).path("index").path("status").asInt()).isEqualTo(201);
    JsonNode failed = items.get(3).path("index");
    assertThat(failed.path("status").asInt()).isEqualTo(400);
    assertThat(failed.path("error").path("type").asText()).isEqualTo("document_parsing_exception");
    assertThat(failed.path("error").path("reason").asText()).startsWith("line 8: malformed JSON");

    JsonNode stored = server.awaitTotal("trace_id:trace-plain", 3);
    JsonNode unicode = server.search("trace_id:trace-plain AND level:INFO").path("events").get(0);
    assertThat(unicode.path("message").asText()).isEqualTo(BulkSamples.UNICODE);
    assertThat(unicode.path("service").asText()).isEqualTo("shop");
    assertThat(unicode.path("_index").asText()).isEqualTo("shop-logs");
    assertThat(unicode.path("_id").asText()).isEqualTo("u-1");
    assertThat(unicode.path("timestamp").asText()).isNotEmpty();
    JsonNode failure = server.search("trace_id:trace-plain AND level:ERROR").path("events").get(0);
    assertThat(failure.path("exception.stacktrace").asText()).isEqualTo(BulkSamples.STACK_TRACE);
    JsonNode large = server.search("trace_id:trace-plain AND level:WARN").path("events").get(0);
    assertThat(large.path("message").asText()).isEqualTo(BulkSamples.large());
    assertThat(stored.path("total").asLong()).isEqualTo(3);

    JsonNode letter = server.awaitTotal("logtype:dead_letter AND dead_letter.input:bulk", 1).path("events").get(0);
    assertThat(letter.path("dead_letter.reason").asText()).startsWith("line 8: malformed JSON");
    assertThat(letter.path("dead_letter.excerpt").asText()).isEqualTo(BulkSamples.MALFORMED.formatted("shop"));
  }

  @Test
  void indexFormWorksAtTheRootToo() throws Exception {
    server = TestServer.start(data, Map.of("bulk.index_as_service", "true"));
    client = client(null, false);
    JsonNode answer = bulk(client, "/billing-api/_bulk", BulkSamples.body(null, null, "trace-root"));
    assertThat(answer.path("items").get(0).path("index").path("_index").asText()).isEqualTo("billing-api");
    server.awaitTotal("service:billing-api AND _index:billing-api", answer.path("items").size() - 1);
    assertThat(server.get("/api/v1/nothing").status()).isEqualTo(404);
    assertThat(server.get("/api/v1/ingest").status()).isEqualTo(405);
  }

  @Test
  void gzipBulkToTheIndexFormOfTheUrlNamesIndexAndService() throws Exception {
    server = TestServer.start(data, Map.of("bulk.index_as_service", "true"));
    client = client("/es", true);
    JsonNode answer = bulk(client, "/orders-api/_bulk", BulkSamples.body(null, null, "trace-gzip"));

    JsonNode items = answer.path("items");
    assertThat(items).hasSize(4);
    assertThat(items.get(0).path("index").path("_index").asText()).isEqualTo("orders-api");
    assertThat(items.get(3).path("index").path("status").asInt()).isEqualTo(400);
    JsonNode stored = server.awaitTotal("trace_id:trace-gzip", 3);
    for (JsonNode event : stored.path("events")) {
      assertThat(event.path("service").asText()).isEqualTo("orders-api");
      assertThat(event.path("_index").asText()).isEqualTo("orders-api");
    }
    JsonNode large = server.search("trace_id:trace-gzip AND level:WARN").path("events").get(0);
    assertThat(large.path("message").asText()).hasSize(BulkSamples.large().length());
    server.awaitTotal("logtype:dead_letter AND dead_letter.input:bulk", 1);
  }

  @Test
  void serverThatCannotTakeWritesAnswersEveryItemWith429AndRetryAfter() throws Exception {
    server = TestServer.start(data, Map.of("storage.min_free_bytes", "1024TiB"));
    client = client(null, false);
    Request request = new Request("POST", "/_bulk");
    request.setEntity(new NStringEntity(BulkSamples.body("full", "full-logs", "trace-full"), NDJSON));
    Response response = client.performRequest(request);
    assertThat(response.getStatusLine().getStatusCode()).isEqualTo(200);
    assertThat(response.getHeader("Retry-After")).isEqualTo("30");
    JsonNode answer = JSON.readTree(EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8));
    assertThat(answer.path("errors").asBoolean()).isTrue();
    assertThat(answer.path("items")).hasSize(4).allSatisfy(item -> {
      JsonNode result = item.elements().next();
      assertThat(result.path("status").asInt()).isEqualTo(429);
      assertThat(result.path("error").path("type").asText()).isEqualTo("cluster_block_exception");
      assertThat(result.path("error").path("reason").asText()).contains("disk nearly full")
          .endsWith("nothing of this request was stored: retry");
    });
    assertThat(server.search("trace_id:trace-full OR logtype:dead_letter").path("total").asLong()).isZero();
  }
}
