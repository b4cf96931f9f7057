package dev.corral.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A line of the fleet read back the way Corral's normalizer would: the shape recognized, and
 * service, level, trace and request id found under their aliases from DESIGN.md.
 */
record ParsedLine(JsonNode json, LogShape shape, String service, String level, String traceId, String requestId,
    String message) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static ParsedLine parse(byte[] line) {
    JsonNode json;
    try {
      json = MAPPER.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + new String(line, java.nio.charset.StandardCharsets.UTF_8), e);
    }
    if (!json.isObject()) {
      throw new IllegalArgumentException("not a JSON object: " + json);
    }
    LogShape shape = shapeOf(json);
    return switch (shape) {
      case UNIFIED -> new ParsedLine(json, shape, text(json, "service"), text(json, "level"), text(json, "trace_id"),
          text(json, "request_id"), text(json, "message"));
      case COMMON_FORMAT -> new ParsedLine(json, shape, text(json, "service_name"), text(json, "loglevel"),
          text(json, "trace_id"), text(json, "request_id"), text(json, "message"));
      case KEY_STYLE -> new ParsedLine(json, shape, text(json, "ServiceKey"), text(json, "Level"),
          text(json, "TraceId"), text(json, "RequestKey"), text(json, "Title"));
      case PYTHON_JSON -> new ParsedLine(json, shape, text(json, "service"), text(json, "levelname"),
          text(json, "trace_id"), text(json, "request_id"), text(json, "message"));
      case LOGSTASH -> new ParsedLine(json, shape, text(json, "service"), text(json, "level"), text(json, "traceId"),
          text(json, "requestId"), text(json, "message"));
      case ECS -> new ParsedLine(json, shape, text(json.path("service"), "name"), text(json.path("log"), "level"),
          text(json.path("trace"), "id"), text(json.path("http").path("request"), "id"), text(json, "message"));
    };
  }

  /** The canonical level name, as {@code dev.corral.model.Level.parse} would give it. */
  String canonicalLevel() {
    return switch (level.toLowerCase(java.util.Locale.ROOT)) {
      case "debug" -> "DEBUG";
      case "info", "information" -> "INFO";
      case "warn", "warning" -> "WARN";
      case "error" -> "ERROR";
      default -> throw new IllegalStateException("unknown level " + level);
    };
  }

  private static LogShape shapeOf(JsonNode json) {
    if (json.has("ServiceKey")) {
      return LogShape.KEY_STYLE;
    }
    if (json.has("asctime")) {
      return LogShape.PYTHON_JSON;
    }
    if (json.has("@version")) {
      return LogShape.LOGSTASH;
    }
    if (json.has("ecs")) {
      return LogShape.ECS;
    }
    if ("v2".equals(text(json, "version")) && json.has("service_name")) {
      return LogShape.COMMON_FORMAT;
    }
    if (json.has("timestamp") && json.path("service").isTextual()) {
      return LogShape.UNIFIED;
    }
    throw new IllegalArgumentException("unknown shape: " + json);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
