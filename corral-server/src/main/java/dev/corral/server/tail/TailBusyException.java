package dev.corral.server.tail;

/**
 * A live tail was refused: every slot is taken ({@code tail.max_subscribers}) or the client already
 * holds its share ({@code tail.max_per_client}); the caller should retry later.
 */
public final class TailBusyException extends Exception {
  private static final long serialVersionUID = 1L;

  private TailBusyException(String message) {
    super(message);
  }

  /** Every slot is taken. */
  static TailBusyException allTaken(int open, int limit) {
    return new TailBusyException(open + " live tails are open, the limit is " + limit
        + " (tail.max_subscribers); close one or retry later");
  }

  /** {@code client} holds its share of the slots. */
  static TailBusyException clientLimit(String client, int open, int limit) {
    return new TailBusyException("client " + client + " has " + open + " live tails open, the limit per client is "
        + limit + " (tail.max_per_client); close one or retry later");
  }
}
