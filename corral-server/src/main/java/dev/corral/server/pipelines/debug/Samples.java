package dev.corral.server.pipelines.debug;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.LogEvent;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.pipeline.EventDocument;
import dev.corral.pipeline.multiline.Multiline;
import dev.corral.server.http.HttpError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sample events of a simulation, made as ingest makes them: {@code docs} (JSON objects) go
 * through the ingest decoder and its normalizer (aliases, timestamp, level, message limits);
 * {@code lines} become events whose {@code message} is the line, as a raw-line input makes them,
 * with the request's {@code service} when it names one, joined by the pipeline's {@code multiline}
 * block when it has one ({@link #joined}). At most {@link DebugLimits#MAX_SAMPLES}.
 */
final class Samples {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final EventDecoder DECODER = EventDecoder.defaults();

  private Samples() {}

  /**
   * The samples of {@code body}: exactly one of {@code docs} and {@code lines}.
   *
   * @throws HttpError 400 naming the member and the position of what is wrong, or the count and the limit
   */
  static List<EventDocument> of(DebugBody body) throws HttpError {
    JsonNode docs = body.root().get("docs");
    JsonNode lines = body.root().get("lines");
    if ((docs == null) == (lines == null)) {
      throw new HttpError(400, body.route() + ": give exactly one of 'docs' (events as JSON objects) and 'lines' "
          + "(raw text lines)");
    }
    String member = docs != null ? "docs" : "lines";
    JsonNode items = docs != null ? docs : lines;
    if (!items.isArray()) {
      throw new HttpError(400, body.route() + ": '" + member + "' must be a list, got " + items.getNodeType());
    }
    if (items.size() > DebugLimits.MAX_SAMPLES) {
      throw new HttpError(400, body.route() + ": " + items.size() + " " + member + ", over the limit of "
          + DebugLimits.MAX_SAMPLES + " per simulation");
    }
    String service = body.text(FieldNames.SERVICE, null);
    long now = System.currentTimeMillis() * 1_000_000L;
    List<EventDocument> samples = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      String where = body.route() + ": " + member + "[" + i + "]";
      samples.add(EventDocument.of(docs != null ? document(items.get(i), where, now) : line(items.get(i), service,
          where, now)));
    }
    return samples;
  }

  /**
   * The samples as the pipeline's {@code multiline} block joins them when they are {@code lines}
   * (the request's lines are one stream, as a raw-lines request's body is); else as they are.
   */
  static List<EventDocument> joined(DebugBody body, List<EventDocument> samples, Optional<Multiline> multiline) {
    if (multiline.isEmpty() || body.root().get("lines") == null) {
      return samples;
    }
    return multiline.get().join(samples.stream().map(EventDocument::toEvent).toList()).stream()
        .map(EventDocument::of).toList();
  }

  private static LogEvent document(JsonNode item, String where, long now) throws HttpError {
    if (!item.isObject()) {
      throw new HttpError(400, where + " must be a JSON object, got " + item.getNodeType());
    }
    byte[] json;
    try {
      json = MAPPER.writeValueAsBytes(item);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("BUG: a parsed JSON object does not write back: " + e.getMessage(), e);
    }
    try {
      return DECODER.decode(json, 0, json.length, now);
    } catch (InvalidEventException e) {
      throw new HttpError(400, where + " is not an event ingest would take: " + e.getMessage());
    }
  }

  private static LogEvent line(JsonNode item, String service, String where, long now)
      throws HttpError {
    if (!item.isTextual()) {
      throw new HttpError(400, where + " must be text, got " + item.getNodeType());
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(FieldNames.MESSAGE, item.asText());
    if (service != null) {
      fields.put(FieldNames.SERVICE, service);
    }
    return DECODER.normalizer().normalize(Fields.of(fields), now);
  }
}
