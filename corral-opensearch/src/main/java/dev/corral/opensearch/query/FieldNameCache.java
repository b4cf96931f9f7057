package dev.corral.opensearch.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.opensearch.mapping.EventMappings;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event field names of the store's indices, from their mappings ({@code GET <prefix>-*}{@code
 * /_mapping}), kept for {@link #TTL}: dotted paths of the mapped fields, without the numeric twins
 * (multi-fields) and the overflow object (whose keys the mapping does not list). Thread-safe.
 */
final class FieldNameCache {
  /** A new field shows in hints within seconds, and hints cost one mapping read per this at most. */
  static final Duration TTL = Duration.ofSeconds(5);
  /** One mapping read; a cluster that takes longer is not asked for hints. */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(FieldNameCache.class);

  private final SearchTransport transport;
  private final DailyIndices indices;
  private SortedSet<String> names;
  private long readAtNanos;

  FieldNameCache(SearchTransport transport, DailyIndices indices) {
    this.transport = transport;
    this.indices = indices;
  }

  /**
   * The names, read again when older than {@link #TTL}. A cluster that cannot be read leaves the names
   * last read (none before the first read), logged: hints are not worth failing a page for.
   */
  synchronized SortedSet<String> get() {
    if (names == null || System.nanoTime() - readAtNanos > TTL.toNanos()) {
      readAtNanos = System.nanoTime();
      try {
        names = Collections.unmodifiableSortedSet(read());
      } catch (IOException e) {
        log.atWarn().addKeyValue("indices", indices.pattern()).addKeyValue("error", e.getMessage())
            .log("cannot read the field names of the OpenSearch store; hints use the names read before");
        if (names == null) {
          names = Collections.emptySortedSet();
        }
      }
    }
    return names;
  }

  private SortedSet<String> read() throws IOException {
    SearchTransport.Response response = transport.send("GET", "/" + indices.pattern()
        + "/_mapping?ignore_unavailable=true&allow_no_indices=true", null, READ_TIMEOUT);
    if (response.status() != 200) {
      throw ClusterErrors.unavailable("reading the mappings of " + indices.pattern(), response);
    }
    SortedSet<String> names = new TreeSet<>();
    for (JsonNode index : MAPPER.readTree(response.body())) {
      collect(index.path("mappings").path("properties"), "", names);
    }
    return names;
  }

  private static void collect(JsonNode properties, String prefix, SortedSet<String> names) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = prefix + field.getKey();
      JsonNode mapping = field.getValue();
      if (mapping.has("properties")) {
        collect(mapping.path("properties"), name + ".", names);
      } else if (!(prefix.isEmpty() && name.equals(EventMappings.OVERFLOW))) {
        names.add(name);
      }
    }
  }
}
