package dev.corral.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON encoding of response values (maps, lists, strings, numbers). Thread-safe. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** UTF-8 JSON of a value built from maps, lists and scalars. */
  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("BUG: response value is not serializable: " + e.getMessage(), e);
    }
  }
}
