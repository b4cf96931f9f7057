package dev.corral.server.tail;

/** Every live-tail slot is taken ({@code tail.max_subscribers}); the caller should retry later. */
public final class TailBusyException extends Exception {
  private static final long serialVersionUID = 1L;

  public TailBusyException(int open, int limit) {
    super(open + " live tails are open, the limit is " + limit + " (tail.max_subscribers); close one or retry later");
  }
}
