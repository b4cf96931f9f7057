package dev.corral.server.inputs.otlp;

/**
 * An export request whose envelope (the request, its resource or scope lists) cannot be read at
 * all, so no record of it can be told apart: the whole request is refused as bad data (HTTP 400,
 * gRPC INVALID_ARGUMENT). A single unreadable log record is not this: it becomes a dead letter.
 */
final class MalformedLogsException extends Exception {
  private static final long serialVersionUID = 1L;

  MalformedLogsException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
