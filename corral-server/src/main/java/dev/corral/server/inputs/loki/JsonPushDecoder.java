package dev.corral.server.inputs.loki;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.corral.model.Fields;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.model.normalize.Utf8Text;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.Refusal;
import dev.corral.server.text.Excerpt;
import dev.corral.model.normalize.JsonTokenKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a Loki JSON push body, {@code {"streams":[{"stream":{labels},"values":[["<ns>","<line>",
 * {metadata}?], …]}, …]}}, with Jackson's streaming parser.
 *
 * <p>A body that is not JSON, not UTF-8, or not an object with a {@code "streams"} array is
 * refused whole (400). Inside it, an entry of the wrong shape (not an array, timestamp not a string
 * of nanoseconds, line not a string, metadata not an object of scalars, more than three elements)
 * becomes a dead letter, and so does every entry of a stream whose {@code "stream"} labels are not
 * an object of scalars. Unknown members are ignored. {@code "stream"} may come before or after
 * {@code "values"}. Thread-safe.
 */
final class JsonPushDecoder {
  private static final String SHAPE = "{\"streams\":[{\"stream\":{\"label\":\"value\"},\"values\":[[\"<unix epoch ns>\",\"<line>\"]]}]}";

  private final JsonFactory factory;
  private final EntryNormalizer normalizer;

  /** @param maxBodyBytes the body limit, so that one long line is never a parser error but a dead letter */
  JsonPushDecoder(EntryNormalizer normalizer, long maxBodyBytes) {
    this.normalizer = normalizer;
    int maxText = (int) Math.min(Integer.MAX_VALUE, maxBodyBytes);
    this.factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxText).build())
        .build();
  }

  /**
   * The events and dead letters of {@code body[0, length)}.
   *
   * @throws IngestRejection 400 when the body as a whole is not a Loki push
   */
  DecodedPush decode(byte[] body, int length) throws IngestRejection {
    PushCollector out = new PushCollector(normalizer);
    try (JsonParser parser = factory.createParser(body, 0, length)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw refused("expected a JSON object " + SHAPE + ", got " + describe(first));
      }
      boolean sawStreams = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!name.equals("streams")) {
          parser.skipChildren();
          continue;
        }
        sawStreams = true;
        if (value == JsonToken.START_ARRAY) {
          int stream = 0;
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            readStream(parser, ++stream, body, out);
          }
        } else if (value != JsonToken.VALUE_NULL) {
          throw refused("\"streams\" must be an array of streams, got " + describe(value));
        }
      }
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw refused("content after the push object: " + describe(trailing) + " at byte "
            + (parser.currentTokenLocation().getByteOffset() + 1));
      }
      if (!sawStreams) {
        throw refused("the body has no \"streams\" member; expected " + SHAPE);
      }
      return out.result();
    } catch (JsonProcessingException e) {
      throw malformed(e, body, length);
    } catch (IOException e) {
      throw new IllegalStateException("BUG: I/O error reading a byte array: " + e, e);
    }
  }

  /** An entry as read, before the stream's labels are known. */
  private record RawEntry(long timestamp, String line, Fields metadata, String problem, int start, int end) {}

  private void readStream(JsonParser parser, int stream, byte[] body, PushCollector out) throws IOException {
    int start = offset(parser.currentTokenLocation());
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      JsonToken token = parser.currentToken();
      parser.skipChildren();
      rejectStream(out, stream, "expected a stream object {\"stream\":{…},\"values\":[…]}, got " + describe(token),
          body, start, parser);
      return;
    }
    Fields labels = Fields.empty();
    String labelsProblem = null;
    List<RawEntry> entries = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "stream" -> {
          try {
            labels = readScalars(parser, "labels", "label");
          } catch (InvalidEventException e) {
            labelsProblem = "\"stream\" labels: " + e.reason();
          }
        }
        case "values" -> {
          if (value == JsonToken.START_ARRAY) {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              entries.add(readEntry(parser));
            }
          } else if (value != JsonToken.VALUE_NULL) {
            int valuesStart = offset(parser.currentTokenLocation());
            parser.skipChildren();
            rejectStream(out, stream, "\"values\" must be an array of [timestamp, line] entries, got "
                + describe(value), body, valuesStart, parser);
          }
        }
        default -> parser.skipChildren();
      }
    }
    for (int i = 0; i < entries.size(); i++) {
      RawEntry entry = entries.get(i);
      String problem = labelsProblem != null ? labelsProblem : entry.problem();
      if (problem != null) {
        out.reject(stream, i + 1, problem, Excerpt.of(body, entry.start(), entry.end() - entry.start()),
            entry.end() - entry.start());
      } else {
        out.entry(stream, i + 1, labels, entry.timestamp(), entry.line(), entry.metadata());
      }
    }
  }

  /** Reads one element of {@code "values"}, leaving the parser on its last token. */
  private RawEntry readEntry(JsonParser parser) throws IOException {
    int start = offset(parser.currentTokenLocation());
    JsonToken token = parser.currentToken();
    if (token != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return new RawEntry(0, null, Fields.empty(), "expected an entry [timestamp, line] or [timestamp, line, "
          + "{structured metadata}], got " + describe(token), start, offset(parser.currentLocation()));
    }
    long timestamp = 0;
    String line = null;
    Fields metadata = Fields.empty();
    String problem = null;
    int index = 0;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      try {
        switch (index++) {
          case 0 -> timestamp = timestamp(parser, token);
          case 1 -> line = line(parser, token);
          case 2 -> metadata = token == JsonToken.VALUE_NULL ? Fields.empty()
              : readScalars(parser, "structured metadata", "structured metadata");
          default -> {
            parser.skipChildren();
            throw new InvalidEventException("entry has more than 3 elements; expected [timestamp, line] or "
                + "[timestamp, line, {structured metadata}]");
          }
        }
      } catch (InvalidEventException e) {
        problem = problem == null ? e.reason() : problem;
      }
    }
    if (index < 2 && problem == null) {
      problem = "entry has " + index + " element" + (index == 1 ? "" : "s") + "; expected [timestamp, line] or "
          + "[timestamp, line, {structured metadata}]";
    }
    return new RawEntry(timestamp, line, metadata, problem, start, offset(parser.currentLocation()));
  }

  private static long timestamp(JsonParser parser, JsonToken token) throws IOException, InvalidEventException {
    if (token == JsonToken.VALUE_STRING) {
      return EntryTimestamp.parse(parser.getText());
    }
    if (token == JsonToken.VALUE_NUMBER_INT) {
      if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        return EntryTimestamp.parse(parser.getText());
      }
      return EntryTimestamp.of(parser.getLongValue());
    }
    parser.skipChildren();
    throw new InvalidEventException("timestamp must be a string of nanoseconds since the epoch, got " + describe(token));
  }

  private static String line(JsonParser parser, JsonToken token) throws IOException, InvalidEventException {
    if (token == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    parser.skipChildren();
    throw new InvalidEventException("line must be a string, got " + describe(token));
  }

  /**
   * Reads an object of scalars (labels, structured metadata) as string fields; null members are
   * left out. On a nested object or array the whole object is still read, then the problem thrown.
   */
  private static Fields readScalars(JsonParser parser, String what, String member)
      throws IOException, InvalidEventException {
    JsonToken token = parser.currentToken();
    if (token != JsonToken.START_OBJECT) {
      parser.skipChildren();
      throw new InvalidEventException(what + " must be an object of strings, got " + describe(token));
    }
    Fields.Builder fields = Fields.builder(8);
    String problem = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.isEmpty()) {
        parser.skipChildren();
        if (problem == null) {
          problem = member + " name is empty";
        }
      } else if (value.isScalarValue()) {
        if (value != JsonToken.VALUE_NULL) {
          fields.put(name, parser.getText());
        }
      } else {
        parser.skipChildren();
        if (problem == null) {
          problem = member + " " + Excerpt.quote(name) + " must be a string, got " + describe(value);
        }
      }
    }
    if (problem != null) {
      throw new InvalidEventException(problem);
    }
    return fields.build();
  }

  private static void rejectStream(PushCollector out, int stream, String reason, byte[] body, int start,
      JsonParser parser) {
    int end = offset(parser.currentLocation());
    out.rejectStream(stream, reason, Excerpt.of(body, start, end - start), end - start);
  }

  private static int offset(JsonLocation location) {
    return (int) Math.max(0, location.getByteOffset());
  }

  private static IngestRejection malformed(JsonProcessingException e, byte[] body, int length) {
    String detail = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    int newline = detail.indexOf('\n');
    detail = newline < 0 ? detail : detail.substring(0, newline);
    if (detail.startsWith("Invalid UTF-8")) {
      int bad = Utf8Text.firstInvalid(body, 0, length);
      if (bad >= 0) {
        return refused(String.format("invalid UTF-8 at byte %d (0x%02x); a JSON push must be UTF-8", bad + 1,
            body[bad] & 0xFF));
      }
    }
    JsonLocation location = e.getLocation();
    String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    return refused("malformed JSON" + where + ": " + detail);
  }

  private static IngestRejection refused(String reason) {
    return new IngestRejection(new Refusal.Malformed(), reason + "; nothing from this request was stored");
  }

  private static String describe(JsonToken token) {
    return JsonTokenKind.of(token, "the end of the body");
  }
}
