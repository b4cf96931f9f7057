package dev.corral.server.inputs.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Reads an OTLP/JSON {@code ExportLogsServiceRequest} record by record: the proto3 JSON mapping
 * ({@link JsonFormat}) with the OTLP deviations — {@code traceId}/{@code spanId} are
 * case-insensitive hex, not base64 (base64 of the right length is accepted too, as some
 * exporters send it), and unknown fields are ignored. Enum values may be integers (as OTLP
 * requires) or names; 64-bit integers numbers or strings; keys lowerCamelCase (the original
 * snake_case names are accepted as well).
 *
 * <p>The body is read into a tree first; each record is then converted on its own, so a record
 * with a bad value is reported to the sink as unreadable while its neighbours are read normally.
 * A body that is not JSON (including invalid UTF-8) or whose envelope has the wrong shape is
 * malformed as a whole. Thread-safe.
 */
final class JsonLogsReader {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final JsonFormat.Parser PROTO_JSON = JsonFormat.parser().ignoringUnknownFields();
  private static final int TRACE_ID_BYTES = 16;
  private static final int SPAN_ID_BYTES = 8;

  private JsonLogsReader() {}

  /**
   * Hands every log record in {@code bytes[0, length)} to {@code sink}.
   *
   * @throws MalformedLogsException when the body is not JSON or not shaped like an export request
   */
  static void read(byte[] bytes, int length, LogRecordSink sink) throws MalformedLogsException {
    JsonNode root;
    try {
      root = JSON.readTree(bytes, 0, length);
    } catch (JsonProcessingException e) {
      throw new MalformedLogsException("body is not valid JSON: " + e.getOriginalMessage() + " at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
    } catch (IOException e) {
      throw new MalformedLogsException("body is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      return; // only whitespace: an empty request
    }
    if (!root.isObject()) {
      throw new MalformedLogsException("body is a JSON " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
          + ", expected an object {\"resourceLogs\": [...]}", null);
    }
    int index = 0;
    for (JsonNode resourceLogs : array(root, "resourceLogs", "resource_logs", "request")) {
      readResourceLogs(object(resourceLogs, "resourceLogs[" + index + "]"), "resourceLogs[" + index++ + "]", sink);
    }
  }

  private static void readResourceLogs(JsonNode node, String place, LogRecordSink sink) throws MalformedLogsException {
    String error = null;
    Resource.Builder resource = Resource.newBuilder();
    try {
      merge(child(node, "resource", "resource"), resource);
    } catch (InvalidProtocolBufferException e) {
      error = place + ".resource is not a valid OTLP Resource: " + e.getMessage();
    }
    Resource built = resource.build();
    int index = 0;
    for (JsonNode scopeLogs : array(node, "scopeLogs", "scope_logs", place)) {
      String scopePlace = place + ".scopeLogs[" + index++ + "]";
      readScopeLogs(object(scopeLogs, scopePlace), built, error, scopePlace, sink);
    }
  }

  private static void readScopeLogs(JsonNode node, Resource resource, String error, String place, LogRecordSink sink)
      throws MalformedLogsException {
    InstrumentationScope.Builder scope = InstrumentationScope.newBuilder();
    try {
      merge(child(node, "scope", "scope"), scope);
    } catch (InvalidProtocolBufferException e) {
      error = error != null ? error : place + ".scope is not a valid OTLP InstrumentationScope: " + e.getMessage();
    }
    InstrumentationScope built = scope.build();
    int index = 0;
    for (JsonNode recordNode : array(node, "logRecords", "log_records", place)) {
      String recordPlace = place + ".logRecords[" + index++ + "]";
      String text = recordNode.toString();
      if (error != null) {
        sink.unreadable(recordPlace, error, text, text.length());
        continue;
      }
      try {
        if (!recordNode.isObject()) {
          throw new InvalidProtocolBufferException("expected an object, got " + recordNode.getNodeType());
        }
        ObjectNode record = (ObjectNode) recordNode;
        hexToBase64(record, "traceId", "trace_id", TRACE_ID_BYTES);
        hexToBase64(record, "spanId", "span_id", SPAN_ID_BYTES);
        LogRecord.Builder builder = LogRecord.newBuilder();
        merge(record, builder);
        sink.record(resource, built, builder.build(), recordPlace, () -> text);
      } catch (InvalidProtocolBufferException e) {
        sink.unreadable(recordPlace, recordPlace + " is not a valid OTLP LogRecord: " + e.getMessage(), text,
            text.length());
      }
    }
  }

  private static void merge(JsonNode node, Message.Builder builder) throws InvalidProtocolBufferException {
    if (node != null && !node.isNull()) {
      PROTO_JSON.merge(node.toString(), builder);
    }
  }

  /** Rewrites a hex id (OTLP/JSON) as base64 (proto3 JSON) in place; rejects what is neither. */
  private static void hexToBase64(ObjectNode record, String camel, String snake, int bytes)
      throws InvalidProtocolBufferException {
    String name = record.has(camel) ? camel : record.has(snake) ? snake : null;
    if (name == null || record.get(name).isNull()) {
      return;
    }
    String text = record.get(name).asText();
    byte[] id;
    if (text.length() == bytes * 2 && isHex(text)) {
      id = HexFormat.of().parseHex(text);
    } else if (text.isEmpty()) {
      id = new byte[0];
    } else {
      try {
        id = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        id = null;
      }
      if (id == null || id.length != bytes) {
        throw new InvalidProtocolBufferException(camel + " '" + text + "' is not " + bytes * 2
            + " hex digits (" + bytes + " bytes)");
      }
    }
    record.put(name, Base64.getEncoder().encodeToString(id));
  }

  private static boolean isHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode child(JsonNode node, String camel, String snake) {
    JsonNode child = node.get(camel);
    return child != null ? child : node.get(snake);
  }

  private static Iterable<JsonNode> array(JsonNode node, String camel, String snake, String place)
      throws MalformedLogsException {
    JsonNode child = child(node, camel, snake);
    if (child == null || child.isNull()) {
      return java.util.List.of();
    }
    if (!child.isArray()) {
      throw new MalformedLogsException(place + "." + camel + " is a JSON "
          + child.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", expected an array", null);
    }
    return child;
  }

  private static JsonNode object(JsonNode node, String place) throws MalformedLogsException {
    if (!node.isObject()) {
      throw new MalformedLogsException(place + " is a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
          + ", expected an object", null);
    }
    return node;
  }
}
