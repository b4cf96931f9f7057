package dev.corral.server.inputs.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calls Filebeat, Logstash, Vector, Fluent Bit and rsyslog make before sending are answered
 * as a healthy Elasticsearch 8 would, at the root and under /es.
 */
class ShipperProbesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path data;
  TestServer server;
  RestClient client;

  @BeforeEach
  void start() throws IOException {
    server = TestServer.start(data);
    client = RestClient.builder(new HttpHost("127.0.0.1", server.server().port(), "http")).build();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
  }

  private Response call(String method, String path) throws IOException {
    return call(method, path, null);
  }

  private Response call(String method, String path, String body) throws IOException {
    Request request = new Request(method, path);
    if (body != null) {
      request.setEntity(new NStringEntity(body, ContentType.APPLICATION_JSON));
    }
    Response response = client.performRequest(request);
    assertThat(response.getHeader("X-Elastic-Product")).as(method + " " + path).isEqualTo("Elasticsearch");
    return response;
  }

  private JsonNode json(String method, String path, String body) throws IOException {
    Response response = call(method, path, body);
    assertThat(response.getStatusLine().getStatusCode()).as(method + " " + path).isEqualTo(200);
    return JSON.readTree(EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8));
  }

  private JsonNode json(String method, String path) throws IOException {
    return json(method, path, null);
  }

  @Test
  void rootAnswersAnElasticsearch8VersionWithDefaultFlavorAndTagline() throws Exception {
    for (String path : new String[] {"/", "/es", "/es/"}) {
      JsonNode root = json("GET", path);
      assertThat(root.path("version").path("number").asText()).startsWith("8.");
      assertThat(root.path("version").path("build_flavor").asText()).isEqualTo("default");
      assertThat(root.path("tagline").asText()).isEqualTo("You Know, for Search");
    }
    assertThat(call("HEAD", "/").getStatusLine().getStatusCode()).isEqualTo(200);
  }

  @Test
  void licenseXpackClusterHealthNodesAndCatHealthLookHealthy() throws Exception {
    assertThat(json("GET", "/_license?human=false").path("license").path("status").asText()).isEqualTo("active");
    assertThat(json("GET", "/_xpack").path("license").path("type").asText()).isEqualTo("basic");
    assertThat(json("GET", "/_cluster/health").path("status").asText()).isEqualTo("green");
    assertThat(json("GET", "/_nodes/http").path("nodes").size()).isEqualTo(1);
    assertThat(call("HEAD", "/_cat/health").getStatusLine().getStatusCode()).isEqualTo(200);
    assertThat(json("GET", "/_cat/health?format=json").get(0).path("status").asText()).isEqualTo("green");
    assertThat(json("GET", "/es/_license").path("license").path("status").asText()).isEqualTo("active");
  }

  @Test
  void templatePolicyAndPipelineSetupCallsAreAcknowledgedAndThenExist() throws Exception {
    String template = "{\"index_patterns\":[\"filebeat-8.17.0\"],\"data_stream\":{},\"priority\":150}";
    assertThat(json("PUT", "/_index_template/filebeat-8.17.0", template).path("acknowledged").asBoolean()).isTrue();
    assertThat(call("HEAD", "/_index_template/filebeat-8.17.0").getStatusLine().getStatusCode()).isEqualTo(200);
    assertThat(json("GET", "/_index_template/filebeat-8.17.0").path("index_templates").get(0).path("name").asText())
        .isEqualTo("filebeat-8.17.0");
    assertThat(json("PUT", "/_template/logstash", "{\"index_patterns\":[\"logstash-*\"]}").path("acknowledged")
        .asBoolean()).isTrue();
    assertThat(json("GET", "/_template/logstash").has("logstash")).isTrue();
    assertThat(json("PUT", "/_component_template/c1", "{\"template\":{}}").path("acknowledged").asBoolean()).isTrue();
    assertThat(json("PUT", "/_ilm/policy/logstash-policy", "{\"policy\":{}}").path("acknowledged").asBoolean())
        .isTrue();
    assertThat(json("GET", "/_ilm/policy/logstash-policy").has("logstash-policy")).isTrue();
    assertThat(json("PUT", "/_ingest/pipeline/p1", "{\"processors\":[]}").path("acknowledged").asBoolean()).isTrue();
    assertThat(json("GET", "/_ingest/pipeline/p1").path("p1").path("processors").isArray()).isTrue();
    assertThat(json("GET", "/_data_stream/logs-app-default").path("data_streams").get(0).path("name").asText())
        .isEqualTo("logs-app-default");
  }

  @Test
  void indexLevelCallsWorkUnderTheEsMountIncludingDateMathNames() throws Exception {
    assertThat(call("HEAD", "/es/logstash").getStatusLine().getStatusCode()).isEqualTo(200);
    JsonNode created = json("PUT", "/es/%3Clogstash-%7Bnow%2Fd%7D-000001%3E", "{\"aliases\":{}}");
    assertThat(created.path("index").asText()).isEqualTo("<logstash-{now/d}-000001>");
    assertThat(json("PUT", "/es/_index_template/t", "{}").path("acknowledged").asBoolean()).isTrue();
  }

  @Test
  void documentWritesOtherThanBulkAreRefusedSoNothingIsAcknowledgedWithoutBeingStored() {
    assertThatThrownBy(() -> call("POST", "/es/app/_doc", "{\"message\":\"single\"}"))
        .isInstanceOfSatisfying(ResponseException.class, e -> {
          assertThat(e.getResponse().getStatusLine().getStatusCode()).isEqualTo(404);
          assertThat(e.getMessage()).contains("resource_not_found_exception").contains("_bulk only");
        });
    assertThatThrownBy(() -> call("GET", "/_bulk")).isInstanceOf(ResponseException.class);
  }
}
