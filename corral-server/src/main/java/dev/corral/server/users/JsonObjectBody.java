package dev.corral.server.users;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Request;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON object a sign-in or user request sends, read with a size bound and only as {@code
 * application/json}: a form of another site can post {@code text/plain} or form data without a
 * preflight, never JSON, so a sign-in cannot be forged from a foreign page (login CSRF).
 */
final class JsonObjectBody {
  /** A sign-in or user request is a few short fields; a password is at most 1,024 characters. */
  static final int MAX_BYTES = 16 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode json;

  private JsonObjectBody(JsonNode json) {
    this.json = json;
  }

  /**
   * Reads the body.
   *
   * @throws HttpError 415 when not sent as JSON, 413 over {@link #MAX_BYTES}, 400 when not a JSON object
   */
  static JsonObjectBody read(Request request, String example) throws HttpError, IOException {
    String type = request.header("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
      throw new HttpError(415, "send the request as Content-Type: application/json, got " + (type == null ? "none"
          : "'" + dev.corral.server.text.Excerpt.header(type) + "'"));
    }
    byte[] body = request.body().readNBytes(MAX_BYTES + 1);
    if (body.length > MAX_BYTES) {
      throw new HttpError(413, "the request body is over the limit of " + MAX_BYTES + " bytes");
    }
    try {
      JsonNode json = JSON.readTree(body);
      if (json == null || !json.isObject()) {
        throw new HttpError(400, "send a JSON object: " + example);
      }
      return new JsonObjectBody(json);
    } catch (JacksonException e) {
      throw new HttpError(400, "the request body is not JSON: " + e.getOriginalMessage());
    }
  }

  /** A text field, or {@code null} when absent or null. */
  String text(String field) throws HttpError {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new HttpError(400, "'" + field + "' must be a string");
    }
    return value.asText();
  }

  /** Whether the field is present (possibly null). */
  boolean has(String field) {
    return json.has(field);
  }

  /** A list of strings, or empty when absent or null. */
  List<String> texts(String field) throws HttpError {
    JsonNode value = json.get(field);
    List<String> texts = new ArrayList<>();
    if (value == null || value.isNull()) {
      return texts;
    }
    if (!value.isArray()) {
      throw new HttpError(400, "'" + field + "' must be a list of strings");
    }
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw new HttpError(400, "'" + field + "' must be a list of strings, got " + item);
      }
      texts.add(item.asText());
    }
    return texts;
  }
}
