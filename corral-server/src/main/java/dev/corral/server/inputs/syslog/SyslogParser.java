package dev.corral.server.inputs.syslog;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;

/**
 * Reads the header of one syslog message: the {@code <PRI>}, then RFC 5424 when the version
 * {@code 1} follows it, otherwise RFC 3164 with its real-world variants ({@link Rfc3164Parser}). A
 * message without {@code <PRI>} gets {@link Priority#DEFAULT} ({@code <13>}, user.notice) and is
 * read as RFC 3164.
 *
 * <p>Immutable and thread-safe.
 */
final class SyslogParser {
  /** {@code <} plus at most three digits plus {@code >}. */
  private static final int MAX_PRI_LENGTH = 5;

  private final Rfc3164Parser rfc3164;
  private final int maxStructuredDataParams;

  /**
   * @param clock the clock (and zone) that RFC 3164 timestamps, which carry neither year nor
   *     zone, are read against
   * @param maxStructuredDataParams most structured-data parameters one message may carry
   *     ({@code ingest.max_fields})
   */
  SyslogParser(Clock clock, int maxStructuredDataParams) {
    this.rfc3164 = new Rfc3164Parser(Objects.requireNonNull(clock, "clock"));
    this.maxStructuredDataParams = maxStructuredDataParams;
  }

  /**
   * Parses the message in {@code bytes[offset, end)}.
   *
   * @throws InvalidSyslogException for a broken {@code <PRI>}, a truncated RFC 5424 header or
   *     malformed structured data
   */
  SyslogMessage parse(byte[] bytes, int offset, int end) throws InvalidSyslogException {
    if (offset >= end || bytes[offset] != '<') {
      return rfc3164.parse(bytes, offset, end, Priority.DEFAULT);
    }
    int pos = offset + 1;
    int value = 0;
    int digits = 0;
    while (pos < end && digits < 4 && bytes[pos] >= '0' && bytes[pos] <= '9') {
      value = value * 10 + (bytes[pos] - '0');
      digits++;
      pos++;
    }
    if (digits == 0 || pos >= end || bytes[pos] != '>') {
      throw new InvalidSyslogException("priority " + quote(bytes, offset, Math.min(end, offset + MAX_PRI_LENGTH + 1))
          + " is not <0> … <191> (at byte 1)");
    }
    if (digits > 3 || value > Priority.MAX_VALUE) {
      throw new InvalidSyslogException("priority <" + value + "> is out of range: the largest is <" + Priority.MAX_VALUE
          + "> (facility 23, severity 7)");
    }
    Priority priority = Priority.of(value);
    pos++;
    if (end - pos >= 2 && bytes[pos] == '1' && bytes[pos + 1] == ' ') {
      return Rfc5424Parser.parse(bytes, offset, pos + 2, end, priority, maxStructuredDataParams);
    }
    return rfc3164.parse(bytes, pos, end, priority);
  }

  /** Some bytes of the message for an error, in quotes. */
  static String quote(byte[] bytes, int from, int to) {
    return "'" + new String(bytes, from, Math.max(0, to - from), StandardCharsets.UTF_8) + "'";
  }
}
