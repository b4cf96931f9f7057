package dev.corral.opensearch.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.model.CanonicalJson;
import dev.corral.model.LogEvent;
import dev.corral.opensearch.mapping.EventMappings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes events into a test cluster as the writer does (until os-write's OpenSearchStore is merged):
 * the index template with {@link EventMappings}, then a plain {@code _bulk} of each event's canonical
 * JSON into its day's index, then a refresh.
 */
final class TestIndex {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu.MM.dd").withZone(ZoneOffset.UTC);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private TestIndex() {}

  /** Installs the template of {@code prefix}'s indices. */
  static void template(SearchTransport cluster, String prefix, int maxKeywordBytes) throws IOException {
    ObjectNode template = MAPPER.createObjectNode();
    template.putArray("index_patterns").add(prefix + "-*");
    ObjectNode body = template.putObject("template");
    body.putObject("settings").put("number_of_shards", 1).put("number_of_replicas", 0)
        .put("index.mapping.ignore_malformed", true).put("refresh_interval", "1s");
    body.set("mappings", EventMappings.mappings(maxKeywordBytes));
    ok(cluster.send("PUT", "/_index_template/" + prefix, MAPPER.writeValueAsBytes(template), TIMEOUT));
  }

  /** Writes the events, each into its day's index, and refreshes. */
  static void write(SearchTransport cluster, String prefix, List<LogEvent> events) throws IOException {
    ByteArrayOutputStream bulk = new ByteArrayOutputStream();
    for (LogEvent event : events) {
      String index = prefix + "-" + DAY.format(TimeText.instant(event.timestamp()));
      bulk.writeBytes(("{\"index\":{\"_index\":\"" + index + "\"}}\n").getBytes(StandardCharsets.UTF_8));
      bulk.writeBytes(CanonicalJson.toBytes(event));
      bulk.write('\n');
    }
    SearchTransport.Response response = cluster.send("POST", "/_bulk", bulk.toByteArray(), TIMEOUT);
    ok(response);
    assertThat(MAPPER.readTree(response.body()).path("errors").asBoolean()).as(new String(response.body(),
        StandardCharsets.UTF_8)).isFalse();
    ok(cluster.send("POST", "/" + prefix + "-*/_refresh", null, TIMEOUT));
  }

  /** Deletes {@code prefix}'s indices. */
  static void delete(SearchTransport cluster, String prefix) throws IOException {
    ok(cluster.send("DELETE", "/" + prefix + "-*", null, TIMEOUT));
  }

  private static void ok(SearchTransport.Response response) {
    assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isBetween(200, 299);
  }
}
