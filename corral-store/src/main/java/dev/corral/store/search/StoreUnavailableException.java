package dev.corral.store.search;

import java.io.IOException;

/**
 * A search the store's backend could not answer for a reason outside the query: its cluster cannot be reached,
 * refuses Corral's credentials, or fails the search on its side. The message says which, never a secret. Callers
 * answer it as the service being unavailable (HTTP 503), not as a bug of their own; the same query may succeed
 * once the cluster is back.
 */
public class StoreUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message) {
    super(message);
  }

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
