package dev.corral.server.http;

/**
 * Told of every request a route's handler ran for (the caller was admitted), once it answered:
 * the route, the request as its principal, and the status sent (500 when the handler failed). The
 * audit log records admin requests through it, so no handler has to. Called on the request's
 * thread after the handler returned and before the answer is sent: it must return at once and
 * never throw.
 */
@FunctionalInterface
public interface RequestObserver {
  /** Observes nothing. */
  RequestObserver NONE = (route, request, status) -> { };

  /** {@code request} to {@code route} was answered with {@code status}. */
  void answered(Route route, Request request, int status);
}
