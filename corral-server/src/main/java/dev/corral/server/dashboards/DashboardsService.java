package dev.corral.server.dashboards;

import dev.corral.server.http.Route;
import dev.corral.server.service.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Saved dashboards (one JSON file each, over the built-in ones) and their API under {@code /api/v1/dashboards}. */
public final class DashboardsService implements Service {
  private final DashboardsHandler handler;

  /** @param directory where saved dashboards live (created on the first save) */
  public DashboardsService(Path directory) {
    this.handler = new DashboardsHandler(new DashboardStore(directory, BuiltinDashboards.load()));
  }

  @Override
  public String name() {
    return "dashboards";
  }

  @Override
  public List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    routes.add(new Route("GET", "/api/v1/dashboards", handler));
    for (String method : List.of("GET", "PUT", "DELETE")) {
      routes.add(new Route(method, "/api/v1/dashboards/*", handler));
    }
    return routes;
  }
}
