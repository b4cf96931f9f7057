package dev.corral.server.inputs;

import dev.corral.server.http.Route;
import dev.corral.server.ingest.IngestSink;
import java.util.List;
import java.util.Map;

/**
 * An input served on the HTTP API's port: its name and its routes. It binds nothing of its own,
 * so starting and closing it do nothing; its stats are what the sink counted for it.
 */
public final class HttpInput implements Input {
  private final String name;
  private final List<Route> routes;
  private final IngestSink sink;

  /** @param name the input's name, the one its handlers give the sink */
  public HttpInput(String name, List<Route> routes, IngestSink sink) {
    this.name = name;
    this.routes = List.copyOf(routes);
    this.sink = sink;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Route> routes() {
    return routes;
  }

  @Override
  public List<Endpoint> endpoints() {
    return routes.stream().<Endpoint>map(route -> new Endpoint.HttpPath(route.method(), route.path())).toList();
  }

  @Override
  public Map<String, Object> stats() {
    return InputStats.of(sink.counts(name), Map.of());
  }
}
