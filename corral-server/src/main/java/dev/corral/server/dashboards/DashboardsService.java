package dev.corral.server.dashboards;

import dev.corral.server.http.Route;
import dev.corral.server.service.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Saved dashboards (one JSON file each, over the built-in ones) and their API under {@code /api/v1/dashboards}. */
public final class DashboardsService implements Service {
  private final Path directory;
  private volatile DashboardsHandler handler;

  /** @param directory where saved dashboards live (created on the first save) */
  public DashboardsService(Path directory) {
    this.directory = directory;
  }

  @Override
  public String name() {
    return "dashboards";
  }

  /** Reads the built-in dashboards. */
  @Override
  public void start() {
    handler = new DashboardsHandler(new DashboardStore(directory, BuiltinDashboards.load()));
  }

  @Override
  public List<Route> routes() {
    DashboardsHandler started = handler;
    if (started == null) {
      throw new IllegalStateException("BUG: the dashboards' routes are read before their service started");
    }
    List<Route> routes = new ArrayList<>();
    routes.add(Route.read("GET", "/api/v1/dashboards", started));
    routes.add(Route.read("GET", "/api/v1/dashboards/*", started));
    for (String method : List.of("PUT", "DELETE")) {
      routes.add(Route.edit(method, "/api/v1/dashboards/*", started));
    }
    return routes;
  }
}
