package dev.corral.server.inputs.syslog;

import dev.corral.model.normalize.TimestampParser;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an RFC 5424 header after {@code <PRI>1 }: {@code TIMESTAMP HOSTNAME APP-NAME PROCID MSGID
 * STRUCTURED-DATA [MSG]}, each field {@code -} when absent. The timestamp is RFC 3339 with any
 * fraction (to the nanosecond) and offset; one that cannot be read leaves the event at its receive
 * time and is kept as text. Stateless.
 */
final class Rfc5424Parser {
  private static final String[] FIELDS = {"TIMESTAMP", "HOSTNAME", "APP-NAME", "PROCID", "MSGID"};

  private Rfc5424Parser() {}

  /**
   * @param start the index of the message's first byte (error positions count from it)
   * @param pos the index right after {@code <PRI>1 }
   * @throws InvalidSyslogException when a header field is missing or the structured data is malformed
   */
  static SyslogMessage parse(byte[] bytes, int start, int pos, int end, Priority priority, int maxParams)
      throws InvalidSyslogException {
    String[] header = new String[FIELDS.length];
    for (int field = 0; field < FIELDS.length; field++) {
      int stop = pos;
      while (stop < end && bytes[stop] != ' ') {
        stop++;
      }
      if (stop >= end || stop == pos) {
        throw new InvalidSyslogException("RFC 5424 header " + (stop < end ? "has an empty " : "ends after ")
            + FIELDS[field] + " (at byte " + (stop - start + 1) + "); expected '<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID "
            + "MSGID STRUCTURED-DATA MSG', each field '-' when absent");
      }
      header[field] = stop - pos == 1 && bytes[pos] == '-' ? null : new String(bytes, pos, stop - pos, StandardCharsets.UTF_8);
      pos = stop + 1;
    }
    Map<String, Object> structuredData = new LinkedHashMap<>();
    pos = StructuredDataParser.parse(bytes, start, pos, end, structuredData, maxParams);
    if (pos < end) {
      if (bytes[pos] != ' ') {
        throw new InvalidSyslogException("RFC 5424 structured data is followed by "
            + SyslogParser.quote(bytes, pos, Math.min(end, pos + 1)) + " instead of a space (at byte " + (pos - start + 1) + ")");
      }
      pos++;
    }
    long timestamp = SyslogMessage.NO_TIMESTAMP;
    String timestampText = null;
    if (header[0] != null) {
      timestamp = TimestampParser.parseText(header[0]);
      if (timestamp == TimestampParser.UNPARSEABLE) {
        timestamp = SyslogMessage.NO_TIMESTAMP;
        timestampText = header[0];
      }
    }
    return new SyslogMessage(priority, timestamp, timestampText, header[1], header[2], header[3], header[4],
        structuredData, pos);
  }
}
