package dev.corral.server.inputs.syslog;

/**
 * Names of the fields a syslog message adds besides the canonical ones ({@code host} from
 * HOSTNAME, {@code service} from APP-NAME or the tag, {@code level} from the severity,
 * {@code timestamp}, {@code message}) and structured data ({@code sd.<SD-ID>.<PARAM-NAME>}).
 */
final class SyslogFields {
  /** Facility name as rsyslog prints it: {@code kern}, {@code user}, … {@code local7}. */
  static final String FACILITY = "syslog.facility";
  /** Facility number, 0 … 23. */
  static final String FACILITY_CODE = "syslog.facility_code";
  /** Severity name: {@code emerg}, {@code alert}, {@code crit}, {@code err}, {@code warning}, {@code notice}, {@code info}, {@code debug}. */
  static final String SEVERITY = "syslog.severity";
  /** Severity number, 0 … 7 (the level merges some: 0-2 FATAL, 5-6 INFO). */
  static final String SEVERITY_CODE = "syslog.severity_code";
  /** PROCID (RFC 5424) or the pid of an RFC 3164 tag {@code sshd[1234]:}. */
  static final String PROCID = "syslog.procid";
  /** MSGID (RFC 5424). */
  static final String MSGID = "syslog.msgid";

  private SyslogFields() {}
}
