package dev.corral.opensearch.index;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.corral.model.CanonicalJson;
import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.opensearch.mapping.IndexMappings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Set;

/**
 * The {@code _source} a document is sent with: the event's canonical JSON line exactly as the WAL
 * record holds it, or, when some of its fields are past the index's field limit, the same object
 * with those fields moved under one {@code overflow} object (name to value) that the read side puts
 * back. Stateless.
 */
final class DocumentSource {
  private DocumentSource() {}

  /** Event {@code i} of {@code batch} as sent, with {@code overflowing} fields moved under {@code overflow}. */
  static byte[] of(EventBatch batch, int i, Set<String> overflowing) {
    if (overflowing.isEmpty()) {
      int start = batch.lineStart(i);
      return Arrays.copyOfRange(batch.source(), start, start + batch.lineLength(i));
    }
    return withOverflow(batch.events().get(i), overflowing);
  }

  private static byte[] withOverflow(LogEvent event, Set<String> overflowing) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator json = CanonicalJson.FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("timestamp", Timestamps.format(event.timestamp()));
      json.writeStringField("level", event.level().name());
      json.writeStringField("message", event.message());
      for (int f = 0; f < event.fields().size(); f++) {
        if (!overflowing.contains(event.fields().name(f))) {
          json.writeFieldName(event.fields().name(f));
          json.writeObject(event.fields().value(f)); // String, Long, Double, Boolean: no codec needed
        }
      }
      json.writeObjectFieldStart(IndexMappings.OVERFLOW);
      for (int f = 0; f < event.fields().size(); f++) {
        if (overflowing.contains(event.fields().name(f))) {
          json.writeFieldName(event.fields().name(f));
          json.writeObject(event.fields().value(f)); // String, Long, Double, Boolean: no codec needed
        }
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
