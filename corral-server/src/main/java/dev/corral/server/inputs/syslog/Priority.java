package dev.corral.server.inputs.syslog;

/**
 * The facility and severity a syslog message's {@code <PRI>} encodes ({@code PRI = facility * 8 +
 * severity}), with the names rsyslog and syslog-ng print for them.
 *
 * @param facility 0 (kern) … 23 (local7)
 * @param severity 0 (emerg) … 7 (debug)
 */
record Priority(int facility, int severity) {
  /** The largest PRI value: facility 23 (local7), severity 7 (debug). */
  static final int MAX_VALUE = 191;

  private static final String[] FACILITIES = {"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
      "uucp", "cron", "authpriv", "ftp", "ntp", "audit", "alert", "clock", "local0", "local1", "local2", "local3",
      "local4", "local5", "local6", "local7"};
  private static final String[] SEVERITIES = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};
  private static final Priority[] ALL = new Priority[MAX_VALUE + 1];

  static {
    for (int value = 0; value <= MAX_VALUE; value++) {
      ALL[value] = new Priority(value >> 3, value & 7);
    }
  }

  /** {@code <13>}, user.notice: what RFC 3164 §4.3.3 says a relay assumes for a message without one. */
  static final Priority DEFAULT = ALL[13];

  Priority {
    if (facility < 0 || facility >= FACILITIES.length || severity < 0 || severity >= SEVERITIES.length) {
      throw new IllegalArgumentException("facility " + facility + " / severity " + severity + " out of range");
    }
  }

  /** The priority of a PRI value; the caller has checked {@code 0 <= value <= MAX_VALUE}. */
  static Priority of(int value) {
    return ALL[value];
  }

  String facilityName() {
    return FACILITIES[facility];
  }

  String severityName() {
    return SEVERITIES[severity];
  }
}
