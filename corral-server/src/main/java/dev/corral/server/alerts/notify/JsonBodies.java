package dev.corral.server.alerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Encodes the channels' JSON bodies (maps, lists, scalars). Thread-safe. */
final class JsonBodies {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonBodies() {}

  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("BUG: a channel's body is not serializable: " + e.getMessage(), e);
    }
  }
}
