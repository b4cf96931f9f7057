package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The field sidebar and value autocompletion on ten minutes of the demo fleet's logs. */
class FieldsApiTest {
  @TempDir
  static Path data;
  static TestServer server;
  static long events;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(data);
    events = DemoData.ingestRecent(server, Duration.ofMinutes(10), 5);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void sidebarCountsTheLatestEventsFieldsCanonicalFirst() {
    JsonNode answer = ok("/api/v1/fields");
    assertThat(answer.path("sampled").asInt()).isEqualTo(500);
    assertThat(answer.path("total").asLong()).isEqualTo(events);
    assertThat(answer.path("top_exact").asBoolean()).isTrue();
    List<String> names = new ArrayList<>();
    answer.path("fields").forEach(field -> names.add(field.path("name").asText()));
    assertThat(names.subList(0, 4)).containsExactly("timestamp", "level", "service", "message");
    JsonNode service = field(answer, "service");
    assertThat(service.path("type").asText()).isEqualTo("keyword");
    assertThat(field(answer, "timestamp").path("type").asText()).isEqualTo("timestamp");
    assertThat(field(answer, "timestamp").path("top")).isEmpty();
    assertThat(field(answer, "message").path("type").asText()).isEqualTo("text");
    assertThat(field(answer, "performance.duration_ms").path("type").asText()).isEqualTo("number");

    // The same counts, made by hand from the 500 newest events.
    Map<String, Integer> byService = new HashMap<>();
    server.search("", "&limit=500").path("events")
        .forEach(e -> byService.merge(e.path("service").asText("(none)"), 1, Integer::sum));
    byService.remove("(none)");
    assertThat(service.path("count").asLong()).isEqualTo(byService.values().stream().mapToInt(i -> i).sum());
    assertThat(service.path("top")).hasSize(5);
    long previous = Long.MAX_VALUE;
    for (JsonNode top : service.path("top")) {
      assertThat(top.path("count").asLong()).isEqualTo(byService.get(top.path("value").asText()).longValue())
          .isLessThanOrEqualTo(previous);
      previous = top.path("count").asLong();
    }
    assertThat(service.path("top").get(0).path("count").asInt())
        .isEqualTo(byService.values().stream().mapToInt(i -> i).max().orElseThrow());
    // canonical fields first, then the others by how many events have them
    long last = Long.MAX_VALUE;
    for (JsonNode field : answer.path("fields")) {
      if (!List.of("timestamp", "level", "service", "message", "host", "environment", "version", "component", "logger",
          "trace_id", "span_id", "request_id", "user_id", "logtype", "exception.type", "exception.message",
          "exception.stacktrace").contains(field.path("name").asText())) {
        assertThat(field.path("count").asLong()).isLessThanOrEqualTo(last);
        last = field.path("count").asLong();
      }
    }
  }

  @Test
  void sidebarFollowsTheFilterSampleAndTop() {
    JsonNode errors = ok("/api/v1/fields?q=level:ERROR&sample=50&top=2&from=now-1h");
    long total = server.search("level:ERROR").path("total").asLong();
    assertThat(errors.path("total").asLong()).isEqualTo(total);
    assertThat(errors.path("sampled").asLong()).isEqualTo(Math.min(50, total));
    JsonNode level = field(errors, "level");
    assertThat(level.path("top")).hasSize(1);
    assertThat(level.path("top").get(0).path("value").asText()).isEqualTo("ERROR");
    assertThat(level.path("top").get(0).path("count").asLong()).isEqualTo(errors.path("sampled").asLong());
    errors.path("fields").forEach(field -> assertThat(field.path("top").size()).isLessThanOrEqualTo(2));

    JsonNode nothing = ok("/api/v1/fields?q=service:no-such-service");
    assertThat(nothing.path("sampled").asInt()).isZero();
    assertThat(nothing.path("fields")).isEmpty();
  }

  @Test
  void badSidebarRequestsAre400() {
    assertThat(server.get("/api/v1/fields?sample=5001").status()).isEqualTo(400);
    assertThat(server.get("/api/v1/fields?sample=0").status()).isEqualTo(400);
    assertThat(server.get("/api/v1/fields?sample=lots").json().path("error").asText()).contains("sample");
    assertThat(server.get("/api/v1/fields?top=101").status()).isEqualTo(400);
    assertThat(server.get("/api/v1/fields?from=yesterday-ish").status()).isEqualTo(400);
    TestServer.Reply syntax = server.get("/api/v1/fields?q=" + encode("level:(ERROR"));
    assertThat(syntax.status()).isEqualTo(400);
    assertThat(syntax.json().has("position")).isTrue();
    TestServer.Reply pipe = server.get("/api/v1/fields?q=" + encode("* | head 3"));
    assertThat(pipe.status()).isEqualTo(400);
    assertThat(pipe.json().path("position").asInt()).isEqualTo(2);
  }

  @Test
  void valuesAreTheExactTopOverTheWholeRange() {
    JsonNode answer = ok("/api/v1/fields/service/values");
    assertThat(answer.path("field").asText()).isEqualTo("service");
    assertThat(answer.has("warning")).isFalse();
    JsonNode top = server.search("* | top 10 service");
    assertThat(answer.path("values")).hasSize(top.path("rows").size());
    for (int i = 0; i < top.path("rows").size(); i++) {
      assertThat(answer.path("values").get(i).path("value").asText()).isEqualTo(top.path("rows").get(i).get(0).asText());
      assertThat(answer.path("values").get(i).path("count").asLong()).isEqualTo(top.path("rows").get(i).get(1).asLong());
    }
    assertThat(ok("/api/v1/fields/service/values?limit=3").path("values")).hasSize(3);
    JsonNode errors = ok("/api/v1/fields/level/values?q=level:ERROR");
    assertThat(errors.path("values")).hasSize(1);
    assertThat(errors.path("values").get(0).path("count").asLong())
        .isEqualTo(server.search("level:ERROR").path("total").asLong());
  }

  @Test
  void prefixMatchesTheStartOfValuesInAnyCase() {
    JsonNode api = ok("/api/v1/fields/service/values?prefix=API-");
    assertThat(api.path("values")).isNotEmpty();
    api.path("values").forEach(v -> assertThat(v.path("value").asText()).startsWith("api-"));
    long count = server.search("service:api-*").path("total").asLong();
    assertThat(api.path("values").get(0).path("count").asLong()).isEqualTo(count);
    JsonNode numbers = ok("/api/v1/fields/performance.duration_ms/values?limit=5");
    assertThat(numbers.path("values")).hasSize(5);
    numbers.path("values").forEach(v -> assertThat(Double.parseDouble(v.path("value").asText())).isNotNegative());
  }

  @Test
  void hostilePrefixesAreTakenLiterally() {
    for (String prefix : new String[] {".*", ".", "[", "]", "(", "\\", "\\d", "a|b", "~a", "@", "&", "<1-9>", "\"", "#",
        "{1,3}", "*", "?", "^", "$", "%", "\u0000", "ß", "Ω", "😀", "a".repeat(256)}) {
      TestServer.Reply reply = server.get("/api/v1/fields/service/values?prefix=" + encode(prefix));
      assertThat(reply.status()).as("prefix %s", prefix).isEqualTo(200);
      assertThat(reply.json().path("values")).as("prefix %s", prefix).isEmpty();
    }
    TestServer.Reply tooLong = server.get("/api/v1/fields/service/values?prefix=" + "a".repeat(257));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().path("error").asText()).contains("256");
  }

  @Test
  void unknownAndFullTextFieldsAnswerWithAWarning() {
    JsonNode typo = ok("/api/v1/fields/servce/values");
    assertThat(typo.path("values")).isEmpty();
    assertThat(typo.path("warning").asText()).contains("servce").contains("did you mean 'service'");
    JsonNode message = ok("/api/v1/fields/message/values");
    assertThat(message.path("values")).isEmpty();
    assertThat(message.path("warning").asText()).contains("full text");
  }

  @Test
  void badValueRequestsAre400Or404() {
    assertThat(server.get("/api/v1/fields/service").status()).isEqualTo(404);
    assertThat(server.get("/api/v1/fields/service/valuez").status()).isEqualTo(404);
    assertThat(server.get("/api/v1/fields//values").status()).isEqualTo(404);
    assertThat(server.get("/api/v1/fields/service/values?limit=0").status()).isEqualTo(400);
    assertThat(server.get("/api/v1/fields/service/values?limit=1001").status()).isEqualTo(400);
    assertThat(server.get("/api/v1/fields/service/values?q=" + encode("a AND")).json().has("position")).isTrue();
  }

  private static JsonNode field(JsonNode answer, String name) {
    for (JsonNode field : answer.path("fields")) {
      if (field.path("name").asText().equals(name)) {
        return field;
      }
    }
    throw new AssertionError("no field " + name + " in " + answer);
  }

  private static JsonNode ok(String path) {
    TestServer.Reply reply = server.get(path);
    assertThat(reply.status()).as("%s answered %s", path, reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
