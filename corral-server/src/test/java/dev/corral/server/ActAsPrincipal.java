package dev.corral.server;

import dev.corral.server.auth.Principal;
import dev.corral.server.auth.Scope;
import dev.corral.server.http.Request;
import dev.corral.server.http.Route;
import dev.corral.server.service.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * TEST ONLY (lives in test sources, never shipped): serves every read route of the search, tail,
 * status, dashboards and alerts services a second time under {@value #PREFIX}, acting as a READ principal
 * restricted to the filter in the {@value #FILTER_HEADER} header (the local operator without it).
 * It stands in for API keys, which authenticate in the HTTP layer, so the read paths can be tested
 * through the real server with a restricted principal.
 */
final class ActAsPrincipal implements Service {
  static final String PREFIX = "/as-principal";
  static final String FILTER_HEADER = "X-Test-Read-Filter";
  private static final Set<String> READ_SERVICES = Set.of("search", "tail", "status", "dashboards",
      "alerts-rules", "alerts-state");

  private final List<Service> services;
  /** The routes last served under the prefix (method, then path without it), for tests that walk them all. */
  private static volatile List<Route> served = List.of();

  ActAsPrincipal(List<Service> services) {
    this.services = List.copyOf(services);
  }

  @Override
  public String name() {
    return "test-act-as-principal";
  }

  @Override
  public List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    for (Service service : services) {
      if (READ_SERVICES.contains(service.name())) {
        for (Route route : service.routes()) {
          routes.add(new Route(route.method(), PREFIX + route.path(), route.access(),
              request -> route.handler().handle(request.as(principal(request)))));
        }
      }
    }
    served = List.copyOf(routes);
    return routes;
  }

  /** The read routes wrapped by the last server started with this service, paths without {@link #PREFIX}. */
  static List<Route> servedRoutes() {
    return served.stream().map(r -> new Route(r.method(), r.path().substring(PREFIX.length()), r.access(), r.handler())).toList();
  }

  private static Principal principal(Request request) {
    String filter = request.header(FILTER_HEADER);
    return filter == null ? Principal.LOCAL : new Principal("test-key", "test", Scope.READ, filter);
  }
}
