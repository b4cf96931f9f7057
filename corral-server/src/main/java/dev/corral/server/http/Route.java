package dev.corral.server.http;

import java.util.Objects;

/**
 * One entry of the route table: an HTTP method and a path mapped to a handler. A path ending in
 * {@code /*} matches any path under it; the handler reads the rest from {@link Request#pathTail()}.
 */
public record Route(String method, String path, Handler handler) {
  /** Whether this route matches every path under its prefix. */
  public boolean isPrefix() {
    return path.endsWith("/*");
  }

  /** The prefix a wildcard route matches, with its trailing slash. */
  public String prefix() {
    return path.substring(0, path.length() - 1);
  }

  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(handler, "handler");
  }
}
