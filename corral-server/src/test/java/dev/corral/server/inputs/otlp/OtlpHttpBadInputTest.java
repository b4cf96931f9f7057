package dev.corral.server.inputs.otlp;

import static dev.corral.server.inputs.otlp.OtlpRequests.attr;
import static dev.corral.server.inputs.otlp.OtlpRequests.record;
import static dev.corral.server.inputs.otlp.OtlpRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import com.google.rpc.BadRequest;
import com.google.rpc.Status;
import dev.corral.server.TestServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad OTLP/HTTP input gets the OTLP error shape (a google.rpc.Status in the request's encoding)
 * with a clear reason, and a bad record never takes its neighbours down: it is dead-lettered and
 * counted in partial_success.
 */
class OtlpHttpBadInputTest {
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";

  final HttpClient http = HttpClient.newHttpClient();
  @TempDir
  Path data;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of("http.max_body_bytes", "2MiB", "ingest.max_event_bytes", "512KiB",
        "ingest.max_message_bytes", "1KiB", "ingest.max_fields", "50"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  /** An answer with its body as bytes (protobuf bodies are not text). */
  record Raw(int status, String contentType, String retryAfter, byte[] body) {}

  Raw postProtobuf(byte[] body, String... extraHeaders) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/v1/logs"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", PROTOBUF);
    for (int i = 0; i < extraHeaders.length; i += 2) {
      request.header(extraHeaders[i], extraHeaders[i + 1]);
    }
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Raw(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
        response.headers().firstValue("Retry-After").orElse(null), response.body());
  }

  TestServer.Reply postJson(String body) {
    return server.post("/v1/logs", body.getBytes(StandardCharsets.UTF_8), "Content-Type", JSON);
  }

  static ExportLogsServiceResponse response(Raw reply) throws Exception {
    assertThat(reply.contentType()).isEqualTo(PROTOBUF);
    return ExportLogsServiceResponse.parseFrom(reply.body());
  }

  @Test
  void malformedProtobufGets400WithAProtobufStatusNamingTheProblem() throws Exception {
    Raw reply = postProtobuf(new byte[] {0x0a, (byte) 0xff, 0x01, 0x02});
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).isEqualTo(PROTOBUF);
    Status status = Status.parseFrom(reply.body());
    assertThat(status.getMessage()).contains("not valid protobuf").contains("ExportLogsServiceRequest");
    assertThat(status.getDetails(0).is(BadRequest.class)).isTrue();
    assertThat(server.search("*").path("total").asLong()).isZero();
  }

  @Test
  void malformedJsonGets400WithAJsonStatusNamingLineAndColumn() {
    TestServer.Reply reply = postJson("{\"resourceLogs\": [ {\"scopeLogs\": [}");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).isEqualTo(JSON);
    assertThat(reply.json().path("message").asText()).contains("not valid JSON").contains("line 1, column");
    assertThat(reply.json().path("code").asInt()).isEqualTo(3);
  }

  @Test
  void jsonOfTheWrongShapeGets400() {
    assertThat(postJson("[1,2]").json().path("message").asText()).contains("expected an object");
    TestServer.Reply reply = postJson("{\"resourceLogs\": {\"scopeLogs\": []}}");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("message").asText()).contains("resourceLogs is a JSON object, expected an array");
  }

  @Test
  void wrongContentTypeGets415NamingTheAcceptedTypes() {
    TestServer.Reply reply = server.post("/v1/logs", "hello".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain");
    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.json().path("message").asText()).contains("text/plain").contains(PROTOBUF).contains(JSON);
    assertThat(server.post("/v1/logs", new byte[] {1}).status()).isEqualTo(415);
  }

  @Test
  void truncatedGzipGets400AndNothingIsStored() throws Exception {
    byte[] whole = OtlpRequests.gzip(request("torn", record("one"), record("two")).toByteArray());
    Raw reply = postProtobuf(Arrays.copyOf(whole, whole.length / 2), "Content-Encoding", "gzip");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(Status.parseFrom(reply.body()).getMessage()).contains("gzip");
    assertThat(postProtobuf(whole, "Content-Encoding", "gzip").status()).isEqualTo(200);
    server.awaitTotal("service:torn", 2);
  }

  @Test
  void bodyOverTheLimitGets413() {
    TestServer.Reply reply = postJson("{\"resourceLogs\": [], \"pad\": \"" + "x".repeat(3 * 1024 * 1024) + "\"}");
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.json().path("message").asText()).contains("http.max_body_bytes");
  }

  @Test
  void recordOverTheSizeLimitIsDeadLetteredAndLongMessagesAreTruncated() throws Exception {
    Raw reply = postProtobuf(request("sized", record("fits"), record("x".repeat(600 * 1024)),
        record("é".repeat(1000))).toByteArray());
    assertThat(reply.status()).isEqualTo(200);
    ExportLogsServiceResponse response = response(reply);
    assertThat(response.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
    assertThat(response.getPartialSuccess().getErrorMessage()).contains("logRecords[1]")
        .contains("ingest.max_event_bytes").contains("524288");
    server.awaitTotal("service:sized", 2);
    JsonNode cut = server.awaitTotal("service:sized AND _truncated:true", 1).path("events").get(0);
    assertThat(cut.path("message").asText()).isEqualTo("é".repeat(512));
    JsonNode letter = server.awaitTotal("logtype:dead_letter AND dead_letter.input:otlp", 1).path("events").get(0);
    assertThat(letter.path("dead_letter.reason").asText()).contains("ingest.max_event_bytes");
    assertThat(letter.path("dead_letter.excerpt").asText()).startsWith("severity_number: SEVERITY_NUMBER_INFO");
  }

  @Test
  void unknownProtobufFieldsAreIgnoredAtEveryLevel() throws Exception {
    UnknownFieldSet future = UnknownFieldSet.newBuilder()
        .addField(99, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("future")).build())
        .addField(98, UnknownFieldSet.Field.newBuilder().addVarint(7).build()).build();
    LogRecord record = record("from the future").toBuilder().setUnknownFields(future).build();
    ExportLogsServiceRequest request = request("future", record);
    request = request.toBuilder().setUnknownFields(future).setResourceLogs(0, request.getResourceLogs(0).toBuilder()
        .setUnknownFields(future).setScopeLogs(0, request.getResourceLogs(0).getScopeLogs(0).toBuilder()
            .setUnknownFields(future))).build();
    Raw reply = postProtobuf(request.toByteArray());
    assertThat(reply.status()).isEqualTo(200);
    assertThat(response(reply).hasPartialSuccess()).isFalse();
    assertThat(server.awaitTotal("service:future", 1).path("events").get(0).path("message").asText())
        .isEqualTo("from the future");
  }

  @Test
  void unknownJsonFieldsAreIgnoredAndOtlpJsonRulesApply() throws Exception {
    TestServer.Reply reply = postJson("""
        {"resourceLogs":[{"futureField":{"a":1},
          "resource":{"attributes":[{"key":"service.name","value":{"stringValue":"jsonrules"}}],"newThing":true},
          "scopeLogs":[{"scope":{"name":"svc.logger","extra":[1]},"logRecords":[
            {"timeUnixNano":"1763740800123456789","severityNumber":17,"body":{"stringValue":"hex ids"},
             "traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174",
             "attributes":[{"key":"n","value":{"intValue":"42"}}],"unknownRecordField":"x"},
            {"severityNumber":"SEVERITY_NUMBER_WARN","body":{"stringValue":"enum by name"}},
            {"body":{"stringValue":"bad id"},"traceId":"not-an-id"},
            "not an object"
          ]}]}]}
        """);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("partialSuccess").path("rejectedLogRecords").asText()).isEqualTo("2");
    assertThat(reply.json().path("partialSuccess").path("errorMessage").asText()).contains("logRecords[2]")
        .contains("traceId 'not-an-id'");
    JsonNode event = server.awaitTotal("service:jsonrules AND level:ERROR", 1).path("events").get(0);
    assertThat(event.path("trace_id").asText()).isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(event.path("span_id").asText()).isEqualTo("eee19b7ec3c1b174");
    assertThat(event.path("timestamp").asText()).isEqualTo("2025-11-21T16:00:00.123456789Z");
    assertThat(event.path("n").asLong()).isEqualTo(42);
    assertThat(event.path("logger").asText()).isEqualTo("svc.logger");
    server.awaitTotal("service:jsonrules AND level:WARN", 1);
    server.awaitTotal("logtype:dead_letter AND dead_letter.input:otlp", 2);
  }

  @Test
  void invalidUtf8InAProtobufStringDeadLettersThatRecordOnly() throws Exception {
    byte[] body = OtlpRequests.rawRequest("utf8", record("valid neighbour").toByteArray(),
        OtlpRequests.recordWithInvalidUtf8Body());
    Raw reply = postProtobuf(body);
    assertThat(reply.status()).isEqualTo(200);
    ExportLogsServiceResponse response = response(reply);
    assertThat(response.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
    assertThat(response.getPartialSuccess().getErrorMessage()).contains("logRecords[1]").contains("UTF-8");
    server.awaitTotal("service:utf8", 1);
    JsonNode letter = server.awaitTotal("logtype:dead_letter AND dead_letter.input:otlp", 1).path("events").get(0);
    assertThat(letter.path("dead_letter.reason").asText()).contains("not a valid OTLP LogRecord");
    assertThat(letter.path("dead_letter.bytes").asLong()).isEqualTo(6);
  }

  @Test
  void invalidUtf8InJsonGets400() {
    byte[] prefix = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":{\"stringValue\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] suffix = "\"}}]}]}]}".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[prefix.length + 2 + suffix.length];
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    body[prefix.length] = (byte) 0xC3;
    body[prefix.length + 1] = 0x28;
    System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);
    TestServer.Reply reply = server.post("/v1/logs", body, "Content-Type", JSON);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("message").asText()).contains("not valid JSON").containsIgnoringCase("UTF-8");
  }

  @Test
  void emptyRequestsSucceedInEveryEncoding() throws Exception {
    Raw empty = postProtobuf(new byte[0]);
    assertThat(empty.status()).isEqualTo(200);
    assertThat(response(empty).hasPartialSuccess()).isFalse();
    assertThat(postProtobuf(OtlpRequests.gzip(new byte[0]), "Content-Encoding", "gzip").status()).isEqualTo(200);
    assertThat(postJson("{}").status()).isEqualTo(200);
    assertThat(postJson("{}").body()).isEqualTo("{}");
    assertThat(postJson("").status()).isEqualTo(200);
    assertThat(postJson("{\"resourceLogs\":[{\"scopeLogs\":[]}]}").status()).isEqualTo(200);
  }

  @Test
  void recordWithTooManyAttributesIsDeadLetteredWhileItsNeighbourIsAccepted() throws Exception {
    LogRecord.Builder wide = record("wide").toBuilder();
    for (int i = 0; i < 10_000; i++) {
      wide.addAttributes(attr("a" + i, "v"));
    }
    Raw reply = postProtobuf(request("wide", record("narrow"), wide.build()).toByteArray());
    assertThat(reply.status()).isEqualTo(200);
    assertThat(response(reply).getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
    assertThat(response(reply).getPartialSuccess().getErrorMessage()).contains("ingest.max_fields").contains("50");
    server.awaitTotal("service:wide", 1);
    JsonNode letter = server.awaitTotal("logtype:dead_letter AND dead_letter.input:otlp", 1).path("events").get(0);
    assertThat(letter.path("dead_letter.reason").asText()).contains("logRecords[1]").contains("ingest.max_fields");
  }
}
