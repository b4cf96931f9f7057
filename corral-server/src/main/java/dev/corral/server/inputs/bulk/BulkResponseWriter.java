package dev.corral.server.inputs.bulk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes the answer of a {@code _bulk} request in Elasticsearch's shape, so that shippers retry
 * exactly the failed items: {@code {"took","errors","items":[{"index":{"_index","_id","_version",
 * "result","_shards","_seq_no","_primary_term","status"}}, {"create":{"_index","_id","status",
 * "error":{"type","reason"}}}, …]}}, one item per action in body order. Thread-safe.
 */
final class BulkResponseWriter {
  private static final JsonFactory JSON = JsonFactory.builder().build();
  /** Bytes of one answered item, to size the buffer once. */
  private static final int ITEM_BYTES = 180;

  private BulkResponseWriter() {}

  static byte[] write(long tookMillis, List<BulkItem> items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + items.size() * ITEM_BYTES);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("took", tookMillis);
      json.writeBooleanField("errors", items.stream().anyMatch(BulkItem::failed));
      json.writeArrayFieldStart("items");
      long seqNo = 0;
      for (BulkItem item : items) {
        json.writeStartObject();
        json.writeObjectFieldStart(item.action());
        json.writeStringField("_index", item.index());
        json.writeStringField("_id", item.id());
        if (item.failed()) {
          json.writeNumberField("status", item.status());
          json.writeObjectFieldStart("error");
          json.writeStringField("type", item.errorType());
          json.writeStringField("reason", item.reason());
          json.writeEndObject();
        } else {
          writeStored(json, seqNo++);
        }
        json.writeEndObject();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("BUG: writing to memory failed", e);
    }
    return out.toByteArray();
  }

  private static void writeStored(JsonGenerator json, long seqNo) throws IOException {
    json.writeNumberField("_version", 1);
    json.writeStringField("result", "created");
    json.writeObjectFieldStart("_shards");
    json.writeNumberField("total", 1);
    json.writeNumberField("successful", 1);
    json.writeNumberField("failed", 0);
    json.writeEndObject();
    json.writeNumberField("_seq_no", seqNo);
    json.writeNumberField("_primary_term", 1);
    json.writeNumberField("status", BulkItem.CREATED);
  }
}
