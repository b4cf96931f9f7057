package dev.corral.server.search;

/** Every slot of a query lane is busy and its waiting line is full: the client should retry shortly (429). */
public final class QueryBusyException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param lane the lane that is full
   * @param settings the settings that size it
   */
  public QueryBusyException(String lane, int running, int queued, String settings) {
    super(running + " " + lane + " queries are running and " + queued + " waiting, the most allowed (" + settings
        + "); retry shortly");
  }
}
