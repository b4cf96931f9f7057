package dev.corral.server.http;

import dev.corral.server.auth.Access;
import java.util.Objects;

/**
 * One entry of the route table: an HTTP method and a path mapped to a handler, and what a caller
 * needs to reach it ({@link Access}: public, or a key of scope ingest, read or admin). The HTTP
 * layer checks the access before the handler runs, so a route cannot be served without declaring
 * it. A path ending in {@code /*} matches any path under it; the handler reads the rest from
 * {@link Request#pathTail()}.
 */
public record Route(String method, String path, Access access, Handler handler) {
  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(handler, "handler");
  }

  /** A route anyone may call (health, readiness, the UI's files). */
  public static Route open(String method, String path, Handler handler) {
    return new Route(method, path, Access.PUBLIC, handler);
  }

  /** A route that writes events: an ingest key (or admin). */
  public static Route ingest(String method, String path, Handler handler) {
    return new Route(method, path, Access.INGEST, handler);
  }

  /** A route that reads events or what is derived from them: a read key (or admin). */
  public static Route read(String method, String path, Handler handler) {
    return new Route(method, path, Access.READ, handler);
  }

  /**
   * A write a team lead makes from the UI (dashboards, alert rules, silences): an admin key, or a
   * signed-in editor or admin.
   */
  public static Route edit(String method, String path, Handler handler) {
    return new Route(method, path, Access.EDIT, handler);
  }

  /** A route that changes the server or its keys: an admin key. */
  public static Route admin(String method, String path, Handler handler) {
    return new Route(method, path, Access.ADMIN, handler);
  }

  /** Whether this route matches every path under its prefix. */
  public boolean isPrefix() {
    return path.endsWith("/*");
  }

  /** The prefix a wildcard route matches, with its trailing slash. */
  public String prefix() {
    return path.substring(0, path.length() - 1);
  }
}
