package dev.corral.server.pipelines.debug;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Request;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The JSON object body of a debugging request, read within {@link DebugLimits#MAX_BODY_BYTES}. */
record DebugBody(JsonNode root, String route) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Reads the body of {@code request}.
   *
   * @throws HttpError 413 over the limit; 400 when it is not a JSON object
   */
  static DebugBody read(Request request, String route) throws IOException, HttpError {
    byte[] body = request.body().readNBytes(DebugLimits.MAX_BODY_BYTES + 1);
    if (body.length > DebugLimits.MAX_BODY_BYTES) {
      throw new HttpError(413, route + ": the body is over the limit of " + DebugLimits.MAX_BODY_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = body.length == 0 ? null : MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new HttpError(400, route + ": the body is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new HttpError(400, route + ": the body must be a JSON object");
    }
    return new DebugBody(root, route);
  }

  /**
   * Refuses a member not in {@code known}, so a misspelt option ({@code called_pipeline}) is
   * said rather than silently ignored.
   */
  DebugBody requireOnly(Set<String> known) throws HttpError {
    for (Map.Entry<String, JsonNode> member : root.properties()) {
      if (!known.contains(member.getKey())) {
        throw new HttpError(400, route + ": unknown member '" + member.getKey() + "' (the body takes "
            + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
    return this;
  }

  /** The text member {@code name}. */
  String requiredText(String name) throws HttpError {
    JsonNode value = root.get(name);
    if (value == null || !value.isTextual()) {
      throw new HttpError(400, route + ": '" + name + "' is required text, got " + value);
    }
    return value.asText();
  }

  /** The text member {@code name}, or {@code fallback} when absent or null. */
  String text(String name, String fallback) throws HttpError {
    JsonNode value = root.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isTextual()) {
      throw new HttpError(400, route + ": '" + name + "' must be text, got " + value);
    }
    return value.asText();
  }

  /** The member {@code name}, an object of text values, as a map (empty when absent). */
  Map<String, String> textMap(String name) throws HttpError {
    JsonNode value = root.get(name);
    Map<String, String> map = new LinkedHashMap<>();
    if (value == null || value.isNull()) {
      return map;
    }
    if (!value.isObject()) {
      throw new HttpError(400, route + ": '" + name + "' must be an object of names to text, got " + value);
    }
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      if (!entry.getValue().isTextual()) {
        throw new HttpError(400, route + ": '" + name + "." + entry.getKey() + "' must be text, got "
            + entry.getValue());
      }
      map.put(entry.getKey(), entry.getValue().asText());
    }
    return map;
  }
}
