package dev.corral.server.search;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.corral.model.CanonicalJson;
import dev.corral.model.Timestamps;
import dev.corral.query.table.Column;
import dev.corral.query.table.ColumnType;
import dev.corral.query.table.Table;
import dev.corral.store.search.QueryResult;
import dev.corral.store.search.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a query answer. Events: {@code {"kind":"events","total","took_ms","partitions",
 * "steps","events":[…]}} with each event's stored source written as is. Tables: the same header
 * and {@code "columns":[{"name","type"}],"rows":[[…]],"truncated","other_row"}; timestamp cells
 * are ISO-8601 text. {@code "warnings"} (only when there are any) lists hints such as unknown
 * fields; {@code "archive"} (only when the range reached archived days) says what fetching them
 * took: {@code {"partitions_fetched","from_cache","fetch_ms","failed":{day: reason}}}.
 */
public final class QueryResultJson {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  private QueryResultJson() {}

  public static byte[] encode(QueryResult result, List<String> warnings, long tookMs) {
    return encode(result, warnings, Map.of(), tookMs);
  }

  /** {@link #encode(QueryResult, List, long)} with the {@code archive} note when it is not empty. */
  public static byte[] encode(QueryResult result, List<String> warnings, Map<String, Object> archive, long tookMs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512 + result.events().size() * 400);
    try (JsonGenerator json = CanonicalJson.FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("kind", result.isTable() ? "table" : "events");
      json.writeNumberField("total", result.total());
      json.writeNumberField("took_ms", tookMs);
      writeHeader(json, result.partitionsRead(), result.stepMillis());
      if (!warnings.isEmpty()) {
        json.writeArrayFieldStart("warnings");
        for (String warning : warnings) {
          json.writeString(warning);
        }
        json.writeEndArray();
      }
      if (!archive.isEmpty()) {
        json.writeFieldName("archive");
        json.writeRawValue(JSON.writeValueAsString(archive));
      }
      if (result.isTable()) {
        writeTable(json, result.table());
      } else {
        writeEvents(json, "events", result.events());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static void writeHeader(JsonGenerator json, List<String> partitions, Map<String, Long> steps) throws IOException {
    json.writeArrayFieldStart("partitions");
    for (String partition : partitions) {
      json.writeString(partition);
    }
    json.writeEndArray();
    json.writeObjectFieldStart("steps");
    for (Map.Entry<String, Long> step : steps.entrySet()) {
      json.writeNumberField(step.getKey() + "_ms", step.getValue());
    }
    json.writeEndObject();
  }

  /** Writes stored sources verbatim: they already are canonical JSON objects. */
  static void writeEvents(JsonGenerator json, String name, List<StoredEvent> events) throws IOException {
    json.writeArrayFieldStart(name);
    for (StoredEvent event : events) {
      json.writeRawValue(event.sourceText());
    }
    json.writeEndArray();
  }

  private static void writeTable(JsonGenerator json, Table table) throws IOException {
    json.writeArrayFieldStart("columns");
    for (Column column : table.columns()) {
      json.writeStartObject();
      json.writeStringField("name", column.name());
      json.writeStringField("type", column.type().name().toLowerCase(java.util.Locale.ROOT));
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("rows");
    for (List<Object> row : table.rows()) {
      json.writeStartArray();
      for (int i = 0; i < row.size(); i++) {
        writeCell(json, table.columns().get(i).type(), row.get(i));
      }
      json.writeEndArray();
    }
    json.writeEndArray();
    json.writeBooleanField("truncated", table.truncated());
    json.writeBooleanField("other_row", table.otherRow());
  }

  private static void writeCell(JsonGenerator json, ColumnType type, Object cell) throws IOException {
    switch (cell) {
      case null -> json.writeNull();
      case Long l when type == ColumnType.TIMESTAMP -> json.writeString(Timestamps.format(l));
      case Long l -> json.writeNumber(l);
      case Double d when d.isNaN() || d.isInfinite() -> json.writeNull();
      case Double d -> json.writeNumber(d);
      default -> json.writeString(cell.toString());
    }
  }
}
