package dev.corral.server.inputs.fluent;

/**
 * The byte stream of a connection is not (or no longer) a sequence of forward messages: garbage,
 * a message envelope of the wrong shape, a tag that is not a string. The reader cannot find the
 * next message, so the connection is closed after the reason is stored as a dead letter.
 */
final class ForwardProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  ForwardProtocolException(String reason) {
    super(reason);
  }

  ForwardProtocolException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
