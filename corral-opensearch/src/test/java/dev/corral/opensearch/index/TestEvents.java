package dev.corral.opensearch.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.opensearch.client.OpenSearchClient;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Events to write and questions to ask the cluster about them. */
final class TestEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A safety net for a broken build, not a timing assertion: the waits end on states. */
  private static final long GIVE_UP_NANOS = 180_000_000_000L;

  private TestEvents() {}

  /** Waits until {@code state} holds. */
  static void await(BooleanSupplier state) throws InterruptedException {
    long deadline = System.nanoTime() + GIVE_UP_NANOS;
    while (!state.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("state not reached within the safety net");
      }
      Thread.sleep(20);
    }
  }

  /** {@code {"index.blocks.write": blocked}}. */
  static JsonNode writeBlock(boolean blocked) {
    return JSON.createObjectNode().put("index.blocks.write", blocked);
  }

  static LogEvent event(Instant at, String message, Map<String, ?> fields) {
    return new LogEvent(Timestamps.toNanos(at), Level.INFO, message, Fields.of(fields));
  }

  /** {@code n} events of service {@code service} numbered {@code seq} from {@code first}. */
  static List<LogEvent> numbered(Instant at, String service, int first, int n) {
    List<LogEvent> events = new ArrayList<>();
    for (int i = first; i < first + n; i++) {
      events.add(event(at, "event " + i, Map.of("service", service, "seq", (long) i)));
    }
    return events;
  }

  /** Documents in the indices matching {@code pattern}, after a refresh. */
  static long count(OpenSearchClient client, String pattern) throws IOException, InterruptedException {
    return search(client, pattern, "{\"size\":0,\"track_total_hits\":true}").path("hits").path("total").path("value").asLong();
  }

  /** Documents matching a query ({@code query_string} syntax) in {@code pattern}, after a refresh. */
  static JsonNode hits(OpenSearchClient client, String pattern, String queryString) throws IOException, InterruptedException {
    String body = JSON.createObjectNode().put("size", 100).put("track_total_hits", true)
        .set("query", JSON.createObjectNode().set("query_string", JSON.createObjectNode().put("query", queryString)))
        .toString();
    return search(client, pattern, body).path("hits");
  }

  private static JsonNode search(OpenSearchClient client, String pattern, String body) throws IOException, InterruptedException {
    client.send("POST", "/" + pattern + "/_refresh?ignore_unavailable=true", (JsonNode) null).requireSuccess();
    return client.send("POST", "/" + pattern + "/_search?ignore_unavailable=true", JSON.readTree(body)).requireSuccess().json();
  }
}
