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
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline debugger's routes over HTTP, on a server with access control on: a simulation
 * shows every processor's output in order and a failing one's reason, a definition that does not
 * build is a 400 naming its line, the body and the sample count are bounded, the grok debugger's
 * offsets are exact, and a read key may not use either route.
 */
class PipelineDebugApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NGINX_LINE = "93.180.71.3 - - [17/May/2015:08:05:32 +0000] \"GET /downloads/product_1 "
      + "HTTP/1.1\" 304 0 \"-\" \"Debian APT-HTTP/1.3 (0.8.16~exp12ubuntu10.21)\"";
  private static final String NGINX_PIPELINE = """
      id: nginx
      processors:
        - grok: {field: message, patterns: ['%{COMBINEDAPACHELOG}']}
        - date: {field: timestamp_text, formats: ["dd/MMM/yyyy:HH:mm:ss Z"]}
        - route: {stream: web-errors, if: "response:>=500"}
        - route: {stream: web}
      """;

  @TempDir
  static Path data;
  private static TestServer server;
  private static String admin;
  private static String read;

  @BeforeAll
  static void start() throws IOException {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    admin = keys.create(new KeySpec("admin", Scope.ADMIN, List.of(), null, null)).key();
    read = keys.create(new KeySpec("read", Scope.READ, List.of(), null, null)).key();
    server = TestServer.start(data, Map.of("auth.mode", "keys"));
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void simulatingAGrokDateRoutePipelineOnNginxLinesShowsEveryStep() throws Exception {
    String pipeline = NGINX_PIPELINE.replace("'%{COMBINEDAPACHELOG}'",
        "'%{IPORHOST:clientip} %{USER:ident} %{USER:auth} \\[%{HTTPDATE:timestamp_text}\\] \"%{WORD:verb} "
            + "%{NOTSPACE:request} HTTP/%{NUMBER:httpversion}\" %{NUMBER:response:int} %{NUMBER:bytes:int} %{GREEDYDATA:rest}'");
    String error = NGINX_LINE.replace("\" 304 0 ", "\" 502 157 ");
    TestServer.Reply reply = simulate(lines(pipeline, "yaml", NGINX_LINE, error), admin);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode docs = reply.json().path("docs");
    assertThat(docs).hasSize(2);
    assertThat(docs.get(0).path("input").path("_source").path("message").asText()).isEqualTo(NGINX_LINE);
    assertThat(docs.get(0).path("input").path("_source").has("clientip")).as("the sample as it entered").isFalse();
    JsonNode steps = docs.get(0).path("processor_results");
    assertThat(steps).extracting(s -> s.path("processor_type").asText() + ":" + s.path("status").asText())
        .containsExactly("grok:success", "date:success", "route:skipped", "route:success");
    assertThat(steps.get(0).path("doc").path("_source").path("clientip").asText()).isEqualTo("93.180.71.3");
    assertThat(steps.get(0).path("doc").path("_source").path("response").asInt()).isEqualTo(304);
    assertThat(steps.get(0).path("doc").path("_source").has("stream")).as("not routed yet").isFalse();
    assertThat(steps.get(1).path("doc").path("_source").path("timestamp").asText()).isEqualTo("2015-05-17T08:05:32Z");
    assertThat(steps.get(2).has("doc")).as("a skipped step has no document").isFalse();
    assertThat(docs.get(0).path("doc").path("_source").path("stream").asText()).isEqualTo("web");
    assertThat(docs.get(0).path("outcome").asText()).isEqualTo("kept");

    assertThat(docs.get(1).path("processor_results")).extracting(s -> s.path("status").asText())
        .containsExactly("success", "success", "success", "success");
    assertThat(docs.get(1).path("doc").path("_source").path("stream").asText()).as("the last route wins").isEqualTo("web");
    assertThat(docs.get(1).path("processor_results").get(2).path("doc").path("_source").path("stream").asText())
        .isEqualTo("web-errors");
  }

  @Test
  void aFailingProcessorShowsErrorStatusAndItsReason() throws Exception {
    TestServer.Reply reply = simulate(lines(NGINX_PIPELINE, "yaml", "not an access line"), admin);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode doc = reply.json().path("docs").get(0);
    JsonNode grok = doc.path("processor_results").get(0);
    assertThat(grok.path("processor_type").asText()).isEqualTo("grok");
    assertThat(grok.path("status").asText()).isEqualTo("error");
    assertThat(grok.path("error").path("reason").asText()).contains("do not match", "not an access line");
    assertThat(doc.path("outcome").asText()).isEqualTo("failed");
  }

  @Test
  void docsGoThroughTheIngestNormalizerAndAJsonDefinitionRuns() throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("definition", "{\"processors\": [{\"uppercase\": {\"field\": \"service\"}}]}");
    body.put("format", "json");
    body.putArray("docs").addObject().put("msg", "hello").put("service", "checkout").put("severity", "warning");
    TestServer.Reply reply = simulate(body, admin);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode source = reply.json().path("docs").get(0).path("doc").path("_source");
    assertThat(source.path("service").asText()).isEqualTo("CHECKOUT");
    assertThat(source.path("message").asText()).as("msg is an alias of message").isEqualTo("hello");
    assertThat(source.path("level").asText()).isEqualTo("WARN");
  }

  @Test
  void aDefinitionThatDoesNotBuildIsRefusedWithItsLine() throws Exception {
    String unknownProcessor = "id: broken\nprocessors:\n  - set: {field: a, value: b}\n  - lowercas: {field: a}\n";
    TestServer.Reply reply = simulate(lines(unknownProcessor, "yaml", "x"), admin);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("error").asText()).contains("processor 2", "line 4", "lowercase");

    TestServer.Reply malformed = simulate(lines("id: broken\nprocessors:\n  - set: {field: a\n", "yaml", "x"), admin);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().path("error").asText()).contains("malformed", "line ");
  }

  @Test
  void aCallToAPipelineNotInTheRequestIsRefusedUnlessItsDefinitionIsGiven() throws Exception {
    String caller = "id: outer\nprocessors:\n  - pipeline: {name: inner}\n";
    TestServer.Reply refused = simulate(lines(caller, "yaml", "x"), admin);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("error").asText()).contains("'inner'", "called_pipelines");

    ObjectNode misspelt = lines(caller, "yaml", "x");
    misspelt.putObject("called_pipeline").put("inner", "id: inner\nprocessors: []\n");
    TestServer.Reply unknown = simulate(misspelt, admin);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("error").asText()).contains("unknown member 'called_pipeline'", "called_pipelines");

    ObjectNode body = lines(caller, "yaml", "x");
    body.putObject("called_pipelines").put("inner", "id: inner\nprocessors:\n  - set: {field: by, value: inner}\n");
    TestServer.Reply reply = simulate(body, admin);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("docs").get(0).path("doc").path("_source").path("by").asText()).isEqualTo("inner");
  }

  @Test
  void bodiesAndSampleCountsAreBounded() throws Exception {
    ObjectNode huge = lines(NGINX_PIPELINE, "yaml", "x".repeat(DebugLimits.MAX_BODY_BYTES));
    assertThat(simulate(huge, admin).status()).isEqualTo(413);

    String[] many = new String[DebugLimits.MAX_SAMPLES + 1];
    java.util.Arrays.fill(many, NGINX_LINE);
    TestServer.Reply tooMany = simulate(lines(NGINX_PIPELINE, "yaml", many), admin);
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().path("error").asText()).contains(String.valueOf(DebugLimits.MAX_SAMPLES + 1),
        "limit of " + DebugLimits.MAX_SAMPLES);
    String[] enough = java.util.Arrays.copyOf(many, DebugLimits.MAX_SAMPLES);
    assertThat(simulate(lines(NGINX_PIPELINE, "yaml", enough), admin).status()).isEqualTo(200);
  }

  @Test
  void grokDebugGivesExactOffsetsOfEveryCaptureOfACombinedApacheLogLine() throws Exception {
    ObjectNode body = JSON.createObjectNode().put("pattern", "%{COMBINEDAPACHELOG}").put("text", NGINX_LINE);
    TestServer.Reply reply = post(GrokHandler.ROUTE, body, admin);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("matched").asBoolean()).isTrue();
    List<String> fields = new ArrayList<>();
    for (JsonNode capture : reply.json().path("captures")) {
      int start = capture.path("start").asInt();
      int end = capture.path("end").asInt();
      assertThat(NGINX_LINE.substring(start, end)).as(capture.toString()).isEqualTo(capture.path("value").asText());
      fields.add(capture.path("field").asText() + "=" + capture.path("value").asText());
    }
    assertThat(fields).contains("clientip=93.180.71.3", "timestamp=17/May/2015:08:05:32 +0000", "verb=GET",
        "request=/downloads/product_1", "response=304", "bytes=0",
        "agent=\"Debian APT-HTTP/1.3 (0.8.16~exp12ubuntu10.21)\"");
    JsonNode verb = find(reply.json().path("captures"), "verb");
    assertThat(verb.path("start").asInt()).isEqualTo(NGINX_LINE.indexOf("GET"));
    assertThat(verb.path("end").asInt()).isEqualTo(NGINX_LINE.indexOf("GET") + 3);

    ObjectNode ecs = body.deepCopy().put("ecs_compatibility", "v1");
    assertThat(find(post(GrokHandler.ROUTE, ecs, admin).json().path("captures"), "source.address").path("value").asText())
        .isEqualTo("93.180.71.3");
    TestServer.Reply miss = post(GrokHandler.ROUTE, body.deepCopy().put("text", "nothing alike"), admin);
    assertThat(miss.json().path("matched").asBoolean()).isFalse();
    assertThat(miss.json().path("captures")).isEmpty();
  }

  @Test
  void anUnknownGrokPatternIsRefusedNamingTheNearestOne() throws Exception {
    ObjectNode body = JSON.createObjectNode().put("pattern", "%{COMBINEDAPACHELOGG}").put("text", NGINX_LINE);
    TestServer.Reply reply = post(GrokHandler.ROUTE, body, admin);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("error").asText()).contains("COMBINEDAPACHELOGG", "did you mean COMBINEDAPACHELOG");
  }

  @Test
  void aReadKeyMayNotDebugPipelines() throws Exception {
    TestServer.Reply simulate = simulate(lines(NGINX_PIPELINE, "yaml", NGINX_LINE), read);
    assertThat(simulate.status()).isEqualTo(403);
    ObjectNode grok = JSON.createObjectNode().put("pattern", "%{IP:ip}").put("text", "1.2.3.4");
    assertThat(post(GrokHandler.ROUTE, grok, read).status()).isEqualTo(403);
  }

  private static JsonNode find(JsonNode captures, String field) {
    for (JsonNode capture : captures) {
      if (capture.path("field").asText().equals(field)) {
        return capture;
      }
    }
    throw new AssertionError("no capture " + field + " in " + captures);
  }

  private static ObjectNode lines(String definition, String format, String... lines) {
    ObjectNode body = JSON.createObjectNode().put("definition", definition).put("format", format);
    ArrayNode array = body.putArray("lines");
    for (String line : lines) {
      array.add(line);
    }
    return body;
  }

  private static TestServer.Reply simulate(ObjectNode body, String key) throws IOException {
    return post(SimulateHandler.ROUTE, body, key);
  }

  private static TestServer.Reply post(String route, ObjectNode body, String key) throws IOException {
    return server.post(route, JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/json", "Authorization", "Bearer " + key);
  }
}
