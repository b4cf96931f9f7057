package dev.corral.server.http;

/** Handles one route. Called on a virtual thread per request; must be thread-safe. */
@FunctionalInterface
public interface Handler {
  /**
   * @throws HttpError for a client or server error with a status and a reason
   * @throws Exception anything else becomes a 500 naming an incident id (the server log has the
   *     details); an I/O failure reading {@link Request#body()} means the client went away
   */
  Response handle(Request request) throws Exception;
}
