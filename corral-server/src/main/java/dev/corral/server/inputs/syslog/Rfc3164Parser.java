package dev.corral.server.inputs.syslog;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Reads an RFC 3164 ("BSD syslog") message after its {@code <PRI>}, accepting what real senders
 * send rather than what the RFC describes:
 * <ul>
 *   <li>an optional Cisco sequence number ({@code 37: }) before the timestamp;
 *   <li>a timestamp in any form {@link Rfc3164Timestamp} reads, or none at all (Python's
 *       {@code SysLogHandler}, {@code logger -n} without one);
 *   <li>HOSTNAME only after a timestamp, and only when the word there is no tag — so
 *       {@code Oct 11 22:14:15 sshd[1234]: …} has no hostname;
 *   <li>a TAG {@code name:}, {@code name[pid]:} or {@code name[pid]} (up to {@link #MAX_TAG}
 *       bytes, followed by a space or the end) becomes APP-NAME and PROCID; without one the whole
 *       rest is the message.
 * </ul>
 * Never fails: whatever is not header is message. Thread-safe.
 */
final class Rfc3164Parser {
  /**
   * 128 bytes: RFC 3164 allows 32 for a tag and RFC 5424 48 for an APP-NAME; real ones
   * ({@code postfix/smtpd}, {@code %LINEPROTO-5-UPDOWN}) stay far below, longer words are text.
   */
  static final int MAX_TAG = 128;

  private final Rfc3164Timestamp timestamps;

  Rfc3164Parser(Clock clock) {
    this.timestamps = new Rfc3164Timestamp(clock);
  }

  /** Parses {@code bytes[pos, end)}, the message after its {@code <PRI>} (or all of it when it has none). */
  SyslogMessage parse(byte[] bytes, int pos, int end, Priority priority) {
    Rfc3164Timestamp.Read timestamp = timestamps.read(bytes, pos, end);
    if (timestamp == null) {
      int sequenceEnd = ciscoSequenceEnd(bytes, pos, end);
      if (sequenceEnd > 0) {
        timestamp = timestamps.read(bytes, sequenceEnd, end);
      }
    }
    String hostname = null;
    if (timestamp != null) {
      pos = skipSpaces(bytes, timestamp.end(), end);
      int wordEnd = pos;
      while (wordEnd < end && bytes[wordEnd] != ' ') {
        wordEnd++;
      }
      if (wordEnd > pos && !looksLikeTag(bytes, pos, wordEnd)) {
        hostname = new String(bytes, pos, wordEnd - pos, StandardCharsets.UTF_8);
        pos = skipSpaces(bytes, wordEnd, end);
      }
    }
    String appName = null;
    String procId = null;
    int nameEnd = pos;
    while (nameEnd < end && nameEnd - pos < MAX_TAG && bytes[nameEnd] > ' ' && bytes[nameEnd] != '['
        && bytes[nameEnd] != ':') {
      nameEnd++;
    }
    if (nameEnd > pos && nameEnd < end) {
      int p = nameEnd;
      int pidStart = -1;
      int pidEnd = -1;
      if (bytes[p] == '[') {
        pidStart = p + 1;
        p = pidStart;
        while (p < end && p - pidStart < MAX_TAG && bytes[p] != ']' && bytes[p] > ' ') {
          p++;
        }
        pidEnd = p < end && bytes[p] == ']' ? p : -1;
        p = pidEnd < 0 ? -1 : p + 1;
      }
      boolean colon = p > 0 && p < end && bytes[p] == ':';
      if (colon) {
        p++;
      }
      if (p > 0 && (colon || pidEnd > 0) && (p == end || bytes[p] == ' ')) {
        appName = new String(bytes, pos, nameEnd - pos, StandardCharsets.UTF_8);
        procId = pidEnd > pidStart ? new String(bytes, pidStart, pidEnd - pidStart, StandardCharsets.UTF_8) : null;
        pos = p < end ? p + 1 : p;
      }
    }
    return new SyslogMessage(priority, timestamp == null ? SyslogMessage.NO_TIMESTAMP : timestamp.epochNanos(), null,
        hostname, appName, procId, null, Map.of(), pos);
  }

  /** A word that is a tag ({@code su:}, {@code sshd[1]:}, {@code app[1]}) rather than a hostname. */
  private static boolean looksLikeTag(byte[] bytes, int from, int to) {
    if (bytes[to - 1] == ':' || bytes[to - 1] == ']') {
      return true;
    }
    for (int i = from; i < to; i++) {
      if (bytes[i] == '[') {
        return true;
      }
    }
    return false;
  }

  /** The index after a Cisco sequence number ({@code 000037: }), or -1. */
  private static int ciscoSequenceEnd(byte[] bytes, int pos, int end) {
    int p = pos;
    while (p < end && p - pos < 20 && bytes[p] >= '0' && bytes[p] <= '9') {
      p++;
    }
    return p > pos && p + 1 < end && bytes[p] == ':' && bytes[p + 1] == ' ' ? p + 2 : -1;
  }

  private static int skipSpaces(byte[] bytes, int pos, int end) {
    while (pos < end && bytes[pos] == ' ') {
      pos++;
    }
    return pos;
  }
}
