package dev.corral.server.http;

import java.util.Objects;

/** One entry of the route table: an HTTP method and an exact path mapped to a handler. */
public record Route(String method, String path, Handler handler) {
  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(handler, "handler");
  }
}
