package dev.corral.server.inputs.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad _bulk input gets Elasticsearch's error shape with a clear reason, per item where it can be. */
class BulkBadInputTest {
  private static final String NDJSON = "application/x-ndjson";

  @TempDir
  Path data;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of("http.max_body_bytes", "256KiB", "ingest.max_event_bytes", "2KiB"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private TestServer.Reply bulk(String body) {
    return bulk(body.getBytes(StandardCharsets.UTF_8), "Content-Type", NDJSON);
  }

  private TestServer.Reply bulk(byte[] body, String... headers) {
    return server.post("/_bulk", body, headers);
  }

  private static void assertEsError(TestServer.Reply reply, int status, String type, String reasonPart) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.header("X-Elastic-Product")).isEqualTo("Elasticsearch");
    JsonNode json = reply.json();
    assertThat(json.path("status").asInt()).isEqualTo(status);
    assertThat(json.path("error").path("type").asText()).isEqualTo(type);
    assertThat(json.path("error").path("reason").asText()).contains(reasonPart);
    assertThat(json.path("error").path("root_cause").get(0).path("type").asText()).isEqualTo(type);
  }

  @Test
  void wrongContentTypeIsRefusedInElasticsearchErrorShape() {
    TestServer.Reply reply = bulk("{\"index\":{}}\n{\"message\":\"x\"}\n".getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/x-www-form-urlencoded");
    assertEsError(reply, 415, "media_type_header_exception", "[application/x-www-form-urlencoded] is not supported");
  }

  @Test
  void elasticClientCompatibilityMediaTypeIsAccepted() throws Exception {
    TestServer.Reply reply = bulk("{\"index\":{}}\n{\"service\":\"compat\",\"message\":\"x\"}\n"
        .getBytes(StandardCharsets.UTF_8), "Content-Type", "application/vnd.elasticsearch+x-ndjson;compatible-with=8");
    assertThat(reply.status()).isEqualTo(200);
    server.awaitTotal("service:compat", 1);
  }

  @Test
  void truncatedGzipIsRefusedAndNothingIsStored() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      for (int i = 0; i < 500; i++) {
        gzip.write(("{\"index\":{}}\n{\"service\":\"torn\",\"message\":\"line " + i + "\"}\n")
            .getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] torn = Arrays.copyOf(compressed.toByteArray(), compressed.size() / 2);
    TestServer.Reply reply = bulk(torn, "Content-Type", NDJSON, "Content-Encoding", "gzip");
    assertEsError(reply, 400, "parse_exception", "truncated or corrupt");
    assertThat(server.search("service:torn").path("total").asLong()).isZero();
  }

  @Test
  void bodyOverTheLimitIsRefusedWith413() {
    String pair = "{\"index\":{}}\n{\"message\":\"" + "x".repeat(1000) + "\"}\n";
    assertEsError(bulk(pair.repeat(300)), 413, "content_too_long_exception", "http.max_body_bytes");
  }

  @Test
  void documentOverTheEventLimitIsRefusedPerItemAndKeptAsDeadLetter() throws Exception {
    TestServer.Reply reply = bulk("{\"index\":{}}\n{\"service\":\"big\",\"message\":\"" + "y".repeat(4000) + "\"}\n"
        + "{\"index\":{}}\n{\"service\":\"big\",\"message\":\"small\"}\n");
    assertThat(reply.status()).isEqualTo(200);
    JsonNode items = reply.json().path("items");
    assertThat(items.get(0).path("index").path("status").asInt()).isEqualTo(400);
    assertThat(items.get(0).path("index").path("error").path("reason").asText())
        .contains("more than the limit of 2048").contains("ingest.max_event_bytes");
    assertThat(items.get(1).path("index").path("status").asInt()).isEqualTo(201);
    server.awaitTotal("service:big", 1);
    server.awaitTotal("logtype:dead_letter AND dead_letter.input:bulk", 1);
  }

  @Test
  void invalidUtf8IsRefusedPerItemWithItsPosition() throws Exception {
    byte[] head = "{\"index\":{}}\n{\"service\":\"utf\",\"message\":\"caf".getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"}\n{\"index\":{}}\n{\"service\":\"utf\",\"message\":\"fine\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + 2 + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    body[head.length] = (byte) 0xFF;
    body[head.length + 1] = (byte) 0xFE;
    System.arraycopy(tail, 0, body, head.length + 2, tail.length);
    TestServer.Reply reply = bulk(body, "Content-Type", NDJSON);
    JsonNode items = reply.json().path("items");
    assertThat(items.get(0).path("index").path("error").path("reason").asText()).startsWith("line 2: invalid UTF-8");
    assertThat(items.get(1).path("index").path("status").asInt()).isEqualTo(201);
    server.awaitTotal("service:utf", 1);
  }

  @Test
  void outOfStepBodyIsAnsweredPerItemAndNothingIsLost() throws Exception {
    TestServer.Reply reply = bulk("""
        {"index":{"_index":"steps"}}
        {"index":{"_index":"steps"}}
        {"service":"steps","message":"second"}
        {"service":"steps","message":"orphan"}
        {"index": broken
        {"service":"steps","message":"after broken action"}
        {"frobnicate":{}}
        {"service":"steps","message":"after unknown action"}
        {"update":{"_id":"1"}}
        {"doc":{"message":"patch"}}
        {"delete":{"_id":"2"}}
        {"create":{"_index":"steps","_id":"last"}}
        """);
    assertThat(reply.status()).isEqualTo(200);
    JsonNode items = reply.json().path("items");
    assertThat(reply.json().path("errors").asBoolean()).isTrue();
    assertThat(items).hasSize(8);
    int[] statuses = new int[items.size()];
    for (int i = 0; i < items.size(); i++) {
      statuses[i] = items.get(i).elements().next().path("status").asInt();
    }
    assertThat(statuses).containsExactly(400, 201, 400, 400, 400, 400, 400, 400);
    assertThat(items.get(0).path("index").path("error").path("reason").asText())
        .isEqualTo("line 1: the index action has no document: line 2 is another action line");
    assertThat(items.get(4).path("frobnicate").path("error").path("reason").asText())
        .contains("unknown action [frobnicate]");
    assertThat(items.get(7).path("create").path("_id").asText()).isEqualTo("last");
    assertThat(items.get(7).path("create").path("error").path("reason").asText())
        .isEqualTo("line 12: the create action has no document: the body ends after it");
    server.awaitTotal("service:steps", 1);
    JsonNode letters = server.awaitTotal("logtype:dead_letter AND dead_letter.input:bulk", 7);
    assertThat(letters.toString()).contains("orphan").contains("after broken action").contains("after unknown action");
  }

  @Test
  void unknownMetadataAndUnknownFieldsAreKept() throws Exception {
    TestServer.Reply reply = bulk("{\"index\":{\"_index\":\"m\",\"require_alias\":true,\"routing\":\"r\"}}\n"
        + "{\"service\":\"meta\",\"message\":\"m\",\"cart\":{\"items\":3},\"whatever_field\":\"kept\"}\n");
    assertThat(reply.json().path("errors").asBoolean()).isFalse();
    JsonNode event = server.awaitTotal("service:meta", 1).path("events").get(0);
    assertThat(event.path("cart.items").asLong()).isEqualTo(3);
    assertThat(event.path("whatever_field").asText()).isEqualTo("kept");
  }

  @Test
  void emptyBodyIsRefusedWithAValidationError() {
    assertEsError(bulk("\n\n"), 400, "action_request_validation_exception", "no requests added");
    assertEsError(bulk(new byte[0], "Content-Type", NDJSON), 400, "action_request_validation_exception",
        "no requests added");
  }
}
