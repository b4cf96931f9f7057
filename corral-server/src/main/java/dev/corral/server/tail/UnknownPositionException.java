package dev.corral.server.tail;

/**
 * A tail was asked to resume ({@code Last-Event-ID}) from a WAL position that is no position this
 * server's streams send: not a whole non-negative number, or inside the retained log where no
 * record starts. The caller made it up or mangled it; it should tail without it.
 */
public final class UnknownPositionException extends Exception {
  private static final long serialVersionUID = 1L;

  UnknownPositionException(String message) {
    super(message);
  }
}
