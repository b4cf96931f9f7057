package dev.corral.server.loglevels;

/** A component, logger name or level that does not exist; the message names the valid ones. */
public final class UnknownLogTargetException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UnknownLogTargetException(String message) {
    super(message);
  }
}
