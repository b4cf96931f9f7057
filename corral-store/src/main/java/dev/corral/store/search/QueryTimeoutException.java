package dev.corral.store.search;

import java.time.Duration;

/** A query cancelled because it ran past its timeout. */
public final class QueryTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QueryTimeoutException(Duration timeout) {
    super("query took longer than " + timeout.toMillis() + " ms and was cancelled (search.timeout); narrow the time "
        + "range or the filter");
  }
}
