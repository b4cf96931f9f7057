package dev.corral.server.loglevels;

import java.util.List;

/**
 * A component's or logger's level as {@code GET /api/v1/admin/loglevels} shows it.
 *
 * @param name the component (or the full logger name)
 * @param loggers the loggers it covers
 * @param level the level its first logger logs at now (its own, or inherited)
 * @param configured the level it logged at when the server started (what a reset returns to)
 * @param changed whether a level was set at run time and not reset since
 */
public record LoggerLevel(String name, List<String> loggers, String level, String configured, boolean changed) {
  public LoggerLevel {
    loggers = List.copyOf(loggers);
  }
}
