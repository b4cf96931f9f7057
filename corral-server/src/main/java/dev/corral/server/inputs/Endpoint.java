package dev.corral.server.inputs;

/** Where an {@link Input} takes data: HTTP paths on the API's port, or a port of its own. */
public sealed interface Endpoint {
  /** How the endpoint reads in stats and logs: {@code POST /v1/logs}, {@code tcp:5514}. */
  default String describe() {
    return switch (this) {
      case HttpPath path -> path.method() + " " + path.path();
      case Port port -> port.transport() + ":" + port.port();
    };
  }

  /** A route of the HTTP API, e.g. {@code POST /v1/logs}. */
  record HttpPath(String method, String path) implements Endpoint {}

  /**
   * A port the input binds itself.
   *
   * @param transport {@code udp}, {@code tcp}, {@code tls} or {@code grpc}
   * @param port the bound port, or the configured one before start
   */
  record Port(String transport, int port) implements Endpoint {}
}
