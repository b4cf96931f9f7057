package dev.corral.server.inputs.syslog;

/** A syslog message that cannot become an event; the message names what was wrong and where. */
final class InvalidSyslogException extends Exception {
  private static final long serialVersionUID = 1L;

  InvalidSyslogException(String reason) {
    super(reason, null, false, false);
  }
}
