package dev.corral.server.inputs.bulk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.corral.server.text.Excerpt;
import dev.corral.model.normalize.JsonTokenKind;
import java.io.IOException;
import java.util.Set;

/**
 * The metadata line before a document of a {@code _bulk} body, such as
 * {@code {"index":{"_index":"app-logs","_id":"42"}}}.
 *
 * @param action the action name: {@code index}, {@code create}, {@code update}, {@code delete} or
 *     any unknown name the client sent
 * @param index the {@code _index} of the metadata, or null
 * @param id the {@code _id} of the metadata, or null
 * @param pipeline the {@code pipeline} of the metadata (the ingest pipeline its document runs), or null
 * @param standard whether every metadata key is one Elasticsearch defines; a line that only
 *     resembles an action (a log event with one object field named {@code index}) is not standard
 */
record ActionLine(String action, String index, String id, String pipeline, boolean standard) {
  /** Actions Corral stores: both append a document. */
  static final Set<String> STORED = Set.of("index", "create");
  /** Actions Elasticsearch defines. */
  static final Set<String> KNOWN = Set.of("index", "create", "update", "delete");
  /** Longest name quoted in a reason: an index or action name is short; a longer one is garbage. */
  private static final int MAX_QUOTED_NAME = 40;
  /** Metadata keys Elasticsearch accepts on an action line (those not read here are ignored). */
  private static final Set<String> METADATA = Set.of("_index", "_id", "_type", "routing", "pipeline", "require_alias",
      "require_data_stream", "op_type", "version", "version_type", "if_seq_no", "if_primary_term", "retry_on_conflict",
      "dynamic_templates", "_source", "list_executed_pipelines", "_routing", "_version", "_version_type", "parent",
      "_parent", "_retry_on_conflict");

  /** Whether an action of this name is followed by a document line ({@code delete} is not). */
  boolean takesDocument() {
    return !action.equals("delete");
  }

  /** Whether this line is a well-formed action Elasticsearch knows, so it cannot be a log event. */
  boolean certainlyAnAction() {
    return standard && KNOWN.contains(action);
  }

  /** Why an action line could not be read. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean malformedJson;

    Invalid(String reason, boolean malformedJson) {
      super(reason, null, false, false);
      this.malformedJson = malformedJson;
    }

    /**
     * True when the line is not JSON at all; false when it is a JSON value of another shape (most
     * likely a document whose action line is missing).
     */
    boolean malformedJson() {
      return malformedJson;
    }
  }

  /** Reads the action line in {@code bytes[offset, offset + length)}. */
  static ActionLine parse(JsonFactory json, byte[] bytes, int offset, int length) throws Invalid {
    try (JsonParser parser = json.createParser(bytes, offset, length)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw shape("expected an action object such as {\"index\":{}}, found " + describe(first));
      }
      if (parser.nextToken() != JsonToken.FIELD_NAME) {
        throw shape("the action line is an empty object; expected {\"index\":{…}} or {\"create\":{…}}");
      }
      String action = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value != JsonToken.START_OBJECT) {
        throw shape("expected an action line such as {\"index\":{…}}, but \"" + cut(action) + "\" holds " + describe(value)
            + " instead of an object of metadata (a document without its action line?)");
      }
      ActionLine line = readMetadata(parser, action);
      JsonToken next = parser.nextToken();
      if (next == JsonToken.FIELD_NAME) {
        throw shape("expected an action line with one key, found keys \"" + cut(action) + "\" and \""
            + cut(parser.currentName()) + "\" (a document without its action line?)");
      }
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw shape("unexpected " + describe(trailing) + " after the action object");
      }
      return line;
    } catch (JsonProcessingException e) {
      String detail = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
      int newline = detail.indexOf('\n');
      String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
      String what = detail.startsWith("Invalid UTF-8") ? "invalid UTF-8" : "malformed JSON";
      throw new Invalid(what + " in the action line" + where + ": " + (newline < 0 ? detail : detail.substring(0, newline)),
          true);
    } catch (IOException e) {
      throw new IllegalStateException("BUG: I/O error reading a byte array: " + e, e);
    }
  }

  private static ActionLine readMetadata(JsonParser parser, String action) throws IOException, Invalid {
    String index = null;
    String id = null;
    String pipeline = null;
    boolean standard = true;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (key) {
        case "_index" -> index = scalar(parser, value, key);
        case "_id" -> id = scalar(parser, value, key);
        case "pipeline" -> pipeline = scalar(parser, value, key);
        default -> {
          standard &= METADATA.contains(key);
          parser.skipChildren();
        }
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw shape("the metadata of \"" + cut(action) + "\" is not closed");
    }
    return new ActionLine(action, index, id, pipeline, standard);
  }

  private static String scalar(JsonParser parser, JsonToken value, String key) throws IOException, Invalid {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value.isStructStart()) {
      throw shape("metadata \"" + key + "\" must be a string, found " + describe(value));
    }
    String text = parser.getValueAsString();
    return text == null || text.isEmpty() ? null : text;
  }

  private static Invalid shape(String reason) {
    return new Invalid(reason, false);
  }

  private static String cut(String name) {
    return Excerpt.cut(name, MAX_QUOTED_NAME);
  }

  private static String describe(JsonToken token) {
    return JsonTokenKind.of(token, "nothing");
  }
}
