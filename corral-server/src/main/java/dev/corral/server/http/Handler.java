package dev.corral.server.http;

/** Handles one route. Called on a virtual thread per request; must be thread-safe. */
@FunctionalInterface
public interface Handler {
  /**
   * @throws HttpError for a client or server error with a status and a reason
   * @throws Exception anything else becomes a 500 whose body names the exception
   */
  Response handle(Request request) throws Exception;
}
