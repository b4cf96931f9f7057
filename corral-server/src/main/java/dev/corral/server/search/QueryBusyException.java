package dev.corral.server.search;

/** Every query slot is busy and the waiting line is full: the client should retry shortly (429). */
public final class QueryBusyException extends Exception {
  private static final long serialVersionUID = 1L;

  public QueryBusyException(int running, int queued) {
    super(running + " queries are running and " + queued + " waiting, the most allowed (search.max_concurrent, "
        + "search.max_queued); retry shortly");
  }
}
