package dev.corral.server.alerts.notify;

/** A channel of {@code channels.yaml} that cannot be used, naming the field at fault (empty for none). */
final class InvalidChannelException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String field;

  InvalidChannelException(String field, String message) {
    super(message);
    this.field = field;
  }

  String field() {
    return field;
  }
}
