package dev.corral.server.inputs.syslog;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;

/**
 * Reads RFC 5424 STRUCTURED-DATA ({@code -} or one or more {@code [SD-ID PARAM="VALUE" …]}
 * elements) into flattened fields: {@code [exampleSDID@32473 iut="3"]} becomes
 * {@code sd.exampleSDID@32473.iut = "3"}. Values are text with the escapes {@code \"}, {@code \\}
 * and {@code \]} undone (a backslash before anything else stays, as RFC 5424 §6.3.3 says). An
 * element without parameters becomes {@code sd.<SD-ID> = true}; a parameter repeated inside one
 * element keeps every value as a JSON array text ({@code ["a","b"]}), as arrays in JSON events are
 * kept. Stateless.
 */
final class StructuredDataParser {
  /** The prefix of structured-data fields. */
  static final String PREFIX = "sd.";

  private StructuredDataParser() {}

  /**
   * Parses the structured data at {@code pos} into {@code out}.
   *
   * @param start the index of the message's first byte (error positions count from it)
   * @return the index right after the structured data
   * @throws InvalidSyslogException when it is malformed or has more than {@code maxParams} parameters
   */
  static int parse(byte[] bytes, int start, int pos, int end, Map<String, Object> out, int maxParams)
      throws InvalidSyslogException {
    if (pos >= end) {
      throw new InvalidSyslogException("RFC 5424 header has no STRUCTURED-DATA (at byte " + (pos - start + 1)
          + "); expected '-' or '[SD-ID PARAM=\"VALUE\"]'");
    }
    if (bytes[pos] == '-') {
      return pos + 1;
    }
    if (bytes[pos] != '[') {
      throw error("starts with " + SyslogParser.quote(bytes, pos, pos + 1) + ", not '-' or '['", start, pos);
    }
    int params = 0;
    while (pos < end && bytes[pos] == '[') {
      int idStart = ++pos;
      pos = name(bytes, pos, end);
      if (pos == idStart) {
        throw error("element has no SD-ID", start, pos);
      }
      String id = PREFIX + new String(bytes, idStart, pos - idStart, StandardCharsets.UTF_8);
      boolean empty = true;
      while (true) {
        if (pos >= end) {
          throw error("element [" + id.substring(PREFIX.length()) + " is not closed with ']'", start, pos);
        }
        if (bytes[pos] == ']') {
          pos++;
          break;
        }
        if (bytes[pos] != ' ') {
          throw error("expected ' ' or ']' in element [" + id.substring(PREFIX.length()) + ", found "
              + SyslogParser.quote(bytes, pos, pos + 1), start, pos);
        }
        int nameStart = ++pos;
        pos = name(bytes, pos, end);
        if (pos == nameStart || pos >= end || bytes[pos] != '=') {
          throw error("expected PARAM-NAME=\"VALUE\" in element [" + id.substring(PREFIX.length()) + "]", start, nameStart);
        }
        String name = id + "." + new String(bytes, nameStart, pos - nameStart, StandardCharsets.UTF_8);
        pos++;
        if (pos >= end || bytes[pos] != '"') {
          throw error("value of " + name.substring(PREFIX.length()) + " does not start with '\"'", start, pos);
        }
        StringBuilder value = new StringBuilder();
        pos = value(bytes, pos + 1, end, value);
        if (pos < 0) {
          throw error("value of " + name.substring(PREFIX.length()) + " is not closed with '\"'", start, end);
        }
        if (++params > maxParams) {
          throw new InvalidSyslogException("structured data has more than " + maxParams
              + " parameters, the limit (ingest.max_fields)");
        }
        out.merge(name, value.toString(), StructuredDataParser::repeated);
        empty = false;
      }
      if (empty) {
        out.putIfAbsent(id, Boolean.TRUE);
      }
    }
    out.replaceAll((name, value) -> value instanceof Repeated repeated ? repeated.toJson() : value);
    return pos;
  }

  /** The end of an SD-NAME: printable US-ASCII except '=', ' ', ']' and '"'. */
  private static int name(byte[] bytes, int pos, int end) {
    while (pos < end) {
      byte b = bytes[pos];
      if (b <= ' ' || b == '=' || b == ']' || b == '"' || b == 0x7F) {
        break;
      }
      pos++;
    }
    return pos;
  }

  /** Reads a PARAM-VALUE up to its closing quote; returns the index after it, or -1 when unclosed. */
  private static int value(byte[] bytes, int pos, int end, StringBuilder out) {
    int runStart = pos;
    while (pos < end) {
      byte b = bytes[pos];
      if (b == '"') {
        out.append(new String(bytes, runStart, pos - runStart, StandardCharsets.UTF_8));
        return pos + 1;
      }
      if (b == '\\' && pos + 1 < end && (bytes[pos + 1] == '"' || bytes[pos + 1] == '\\' || bytes[pos + 1] == ']')) {
        out.append(new String(bytes, runStart, pos - runStart, StandardCharsets.UTF_8));
        runStart = pos + 1;
        pos += 2;
        continue;
      }
      pos++;
    }
    return -1;
  }

  /** Collects the values of a parameter repeated in one element. */
  private static Object repeated(Object earlier, Object later) {
    Repeated values = earlier instanceof Repeated r ? r : new Repeated((String) earlier);
    values.add((String) later);
    return values;
  }

  /** Values of a repeated parameter; replaced by their JSON array text once the element is read. */
  private static final class Repeated extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Repeated(String first) {
      add(first);
    }

    String toJson() {
      StringBuilder json = new StringBuilder("[");
      for (String value : this) {
        json.append(json.length() > 1 ? ",\"" : "\"").append(JsonStringEncoder.getInstance().quoteAsString(value)).append('"');
      }
      return json.append(']').toString();
    }
  }

  private static InvalidSyslogException error(String what, int start, int pos) {
    return new InvalidSyslogException("RFC 5424 structured data: " + what + " (at byte " + (pos - start + 1) + ")");
  }
}
