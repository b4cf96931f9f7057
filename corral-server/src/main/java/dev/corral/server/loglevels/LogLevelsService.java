package dev.corral.server.loglevels;

import dev.corral.server.http.HttpError;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.http.Route;
import dev.corral.server.service.Service;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Log levels changeable at run time ({@link LogLevels}) and their admin API under {@code
 * /api/v1/admin/loglevels} (admin keys only). The configured levels are those logback had when the
 * service was built; changes are not persisted. When the logging back end is not logback the routes
 * answer 503 saying so.
 */
public final class LogLevelsService implements Service {
  static final String PATH = "/api/v1/admin/loglevels";
  private final Optional<LogLevels> levels = LogLevels.ofRunningLogback();

  @Override
  public String name() {
    return "log-levels";
  }

  @Override
  public List<Route> routes() {
    if (levels.isEmpty()) {
      return List.of(Route.admin("GET", PATH, LogLevelsService::unavailable),
          Route.admin("PUT", PATH + "/*", LogLevelsService::unavailable),
          Route.admin("POST", PATH + "/*", LogLevelsService::unavailable),
          Route.admin("DELETE", PATH + "/*", LogLevelsService::unavailable));
    }
    LogLevelsHandler handler = new LogLevelsHandler(levels.get());
    return List.of(Route.admin("GET", PATH, handler::list),
        Route.admin("PUT", PATH + "/*", handler::set),
        Route.admin("POST", PATH + "/*", handler::set),
        Route.admin("DELETE", PATH + "/*", handler::reset));
  }

  private static Response unavailable(Request request) throws HttpError {
    throw new HttpError(503, "log levels can be changed only when the server logs through logback (its own "
        + "logback.xml); this process logs through " + LoggerFactory.getILoggerFactory().getClass().getName());
  }
}
