package dev.corral.server.inputs.syslog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The header of one parsed syslog message (RFC 5424 or RFC 3164) and where its body starts.
 *
 * @param priority facility and severity ({@link Priority#DEFAULT} when the message had none)
 * @param timestamp epoch nanoseconds, or {@link #NO_TIMESTAMP} when the message had none or an
 *     unreadable one
 * @param timestampText the timestamp as sent when it could not be read, else null
 * @param hostname HOSTNAME, or null when absent or {@code -}
 * @param appName APP-NAME or the RFC 3164 tag, or null
 * @param procId PROCID or the pid of a tag like {@code sshd[1234]:}, or null
 * @param msgId MSGID, or null
 * @param structuredData flattened structured data, in message order: {@code sd.<SD-ID>.<PARAM-NAME>} to
 *     its value (see {@link StructuredDataParser})
 * @param bodyStart index of the first byte of MSG in the message bytes
 */
record SyslogMessage(Priority priority, long timestamp, String timestampText, String hostname, String appName,
    String procId, String msgId, Map<String, Object> structuredData, int bodyStart) {
  /** Marks a message without a usable timestamp: the event gets its receive time. */
  static final long NO_TIMESTAMP = Long.MIN_VALUE;

  SyslogMessage {
    Objects.requireNonNull(priority, "priority");
    structuredData = structuredData.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(structuredData));
  }
}
