package dev.corral.opensearch.query;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.model.CanonicalJson;
import dev.corral.model.LogEvent;
import dev.corral.opensearch.mapping.EventMappings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Puts back the fields the writer moved under {@link EventMappings#OVERFLOW} (beyond the per-index field
 * limit) so that the read side returns the event as it was ingested. The canonical form holds only
 * scalar values, so an object under that name can only be the writer's overflow. An event without one is
 * returned as it is (the common case: one scan of the top-level keys, no copy). Stateless.
 */
final class OverflowFields {
  private static final ObjectMapper MAPPER = new ObjectMapper(CanonicalJson.FACTORY);

  private OverflowFields() {}

  /** The event's canonical JSON from a stored {@code _source}. */
  static byte[] restore(byte[] source) {
    if (!hasOverflow(source)) {
      return source;
    }
    try {
      ObjectNode event = (ObjectNode) MAPPER.readTree(source);
      JsonNode overflow = event.remove(EventMappings.OVERFLOW);
      for (Iterator<Map.Entry<String, JsonNode>> fields = overflow.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        event.set(field.getKey(), field.getValue());
      }
      byte[] merged = MAPPER.writeValueAsBytes(event);
      LogEvent parsed = CanonicalJson.read(merged, 0, merged.length);
      return CanonicalJson.toBytes(parsed);
    } catch (IOException e) {
      throw new UncheckedIOException("BUG: a stored _source that is no JSON object", e);
    }
  }

  private static boolean hasOverflow(byte[] source) {
    try (JsonParser parser = CanonicalJson.FACTORY.createParser(source)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean overflow = parser.currentName().equals(EventMappings.OVERFLOW);
        if (parser.nextToken() == JsonToken.START_OBJECT && overflow) {
          return true;
        }
        parser.skipChildren();
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("BUG: a stored _source that is no JSON object", e);
    }
  }
}
