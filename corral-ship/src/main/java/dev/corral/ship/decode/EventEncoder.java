package dev.corral.ship.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns the text of one record (a line, or lines joined by multiline) into the one-line JSON object a
 * {@link dev.corral.ship.ShipRecord} carries. Immutable and thread-safe.
 *
 * <ol>
 *   <li>A JSON object (with {@link Format#JSON} or {@link Format#AUTO}) is passed through as it is; static fields
 *       are added only where the object has no field of that name (the application's own value wins). Line
 *       breaks between its tokens (a pretty-printed object joined by multiline) become spaces.
 *   <li>Any other text becomes {@code {"message": text}} plus the static fields; with {@link Format#JSON} it is
 *       flagged {@code "_invalid_json": true}.
 *   <li>A line cut at the reader's limit is never decoded as JSON and is flagged {@code "_truncated": true} (the
 *       flag the server sets on messages it truncates).
 * </ol>
 */
public final class EventEncoder {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();
  private final Format format;

  public EventEncoder(Format format) {
    this.format = format;
  }

  /** The record for {@code text} with {@code fields} added. Never fails: text that is not JSON is a message. */
  public String encode(String text, boolean truncated, StaticFields fields) {
    return encode(text, truncated, fields, StaticFields.none());
  }

  /**
   * As {@link #encode(String, boolean, StaticFields)}, and {@code plainFields} added only when the text is sent as
   * a message (a container runtime's receive time is the timestamp of a plain line, while a JSON line keeps its own).
   */
  public String encode(String text, boolean truncated, StaticFields fields, StaticFields plainFields) {
    if (format != Format.PLAIN && !truncated && startsAnObject(text)) {
      String object = passThrough(text, fields);
      if (object != null) {
        return object;
      }
    }
    StringBuilder out = new StringBuilder(text.length() + 64);
    out.append("{\"message\":");
    JsonText.appendString(out, text);
    fields.appendMissing(out, Set.of("message"), false);
    plainFields.appendMissing(out, fields.names(), false);
    if (truncated) {
      out.append(",\"_truncated\":true");
    } else if (format == Format.JSON) {
      out.append(",\"_invalid_json\":true");
    }
    return out.append('}').toString();
  }

  private static boolean startsAnObject(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '{';
      }
    }
    return false;
  }

  /** The object with the missing fields added, or null when {@code text} is not exactly one JSON object. */
  private static String passThrough(String text, StaticFields fields) {
    Set<String> present = fields.isEmpty() ? Set.of() : new HashSet<>();
    int count = 0;
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        if (!fields.isEmpty()) {
          present.add(parser.currentName());
        }
        count++;
        parser.nextToken();
        parser.skipChildren();
      }
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return null;
      }
    } catch (IOException e) {
      return null; // not JSON: sent as a message
    }
    String object = text.strip();
    if (object.indexOf('\n') >= 0 || object.indexOf('\r') >= 0) {
      object = object.replace('\n', ' ').replace('\r', ' '); // only whitespace between tokens: strings cannot hold them raw
    }
    if (present.containsAll(fields.names())) {
      return object;
    }
    StringBuilder out = new StringBuilder(object.length() + 64);
    out.append(object, 0, object.length() - 1);
    fields.appendMissing(out, present, count == 0);
    return out.append('}').toString();
  }
}
