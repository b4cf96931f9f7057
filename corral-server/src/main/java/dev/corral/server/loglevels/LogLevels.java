package dev.corral.server.loglevels;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.corral.server.text.Excerpt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Reads and changes the levels of the server's loggers at run time, through logback's {@link
 * LoggerContext}. A target is a {@linkplain LogComponent component} ({@code store}: every logger it
 * covers) or a full logger name ({@code dev.corral.store.CommitRound}: any name with a dot).
 *
 * <p>Contract: {@link #set} gives every logger of the target the level; {@link #reset} gives each back
 * the level it had in the configuration ({@code logback.xml}, {@code CORRAL_LOG_LEVEL}) — its own, or
 * none so that it inherits again. Changes live in memory only: a restart starts from the
 * configuration. At most {@value #MAX_CHANGED_LOGGERS} full logger names can be changed (logback
 * keeps a logger for the process's life once created). Thread-safe (synchronized: changes are rare).
 */
public final class LogLevels {
  /** The levels one can set, most verbose first. */
  public static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
  /** Far more loggers than anyone sets by hand; bounds what a stream of invented names can create. */
  static final int MAX_CHANGED_LOGGERS = 256;
  /** A Java logger name: dotted identifiers, at least one dot (without one it names a component). */
  private static final Pattern LOGGER_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+");
  /** Longer than any class name of this code base or its libraries. */
  private static final int MAX_LOGGER_NAME_CHARS = 200;

  private final LoggerContext context;
  /** Per logger touched or covered by a component: its own level in the configuration (null: inherited) and effective one. */
  private final Map<String, Configured> configured = new LinkedHashMap<>();
  /** Full logger names set at run time and not reset, in the order they were first set. */
  private final List<String> changedLoggers = new ArrayList<>();
  /** Components set at run time and not reset. */
  private final List<String> changedComponents = new ArrayList<>();

  private record Configured(Level own, Level effective) {}

  private LogLevels(LoggerContext context) {
    this.context = context;
    for (LogComponent component : LogComponent.ALL) {
      component.loggers().forEach(this::remember);
    }
  }

  /**
   * The levels of the logging back end in use, remembered as configured now; empty when it is not
   * logback (the levels cannot be changed then).
   */
  public static Optional<LogLevels> ofRunningLogback() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    return factory instanceof LoggerContext logback ? Optional.of(new LogLevels(logback)) : Optional.empty();
  }

  /** Every component, then every full logger name changed at run time. */
  public synchronized List<LoggerLevel> list() {
    List<LoggerLevel> all = new ArrayList<>();
    for (LogComponent component : LogComponent.ALL) {
      all.add(describe(component.name(), component.loggers(), changedComponents.contains(component.name())));
    }
    for (String logger : changedLoggers) {
      all.add(describe(logger, List.of(logger), true));
    }
    return all;
  }

  /**
   * Sets {@code target}'s level.
   *
   * @param target a component name or a full logger name
   * @param level one of {@link #LEVELS}, any case
   * @throws UnknownLogTargetException for an unknown component or level, naming the valid ones, or a
   *     new logger name past {@value #MAX_CHANGED_LOGGERS}
   */
  public synchronized LoggerLevel set(String target, String level) {
    Level parsed = level(level);
    Target resolved = resolve(target);
    if (resolved.component() == null && !changedLoggers.contains(resolved.name())) {
      if (changedLoggers.size() >= MAX_CHANGED_LOGGERS) {
        throw new UnknownLogTargetException("already " + MAX_CHANGED_LOGGERS + " logger names have levels set at run "
            + "time; reset some, or set a component's level (" + String.join(", ", LogComponent.names()) + ")");
      }
      remember(resolved.name());
      changedLoggers.add(resolved.name());
    } else if (resolved.component() != null && !changedComponents.contains(resolved.name())) {
      changedComponents.add(resolved.name());
    }
    for (String logger : resolved.loggers()) {
      context.getLogger(logger).setLevel(parsed);
    }
    return describe(resolved.name(), resolved.loggers(), true);
  }

  /**
   * Gives {@code target}'s loggers back their configured levels.
   *
   * @throws UnknownLogTargetException for an unknown component, naming the valid ones
   */
  public synchronized LoggerLevel reset(String target) {
    Target resolved = resolve(target);
    for (String logger : resolved.loggers()) {
      Configured original = configured.get(logger);
      if (original != null) {
        context.getLogger(logger).setLevel(original.own());
      }
    }
    changedLoggers.remove(resolved.name());
    changedComponents.remove(resolved.name());
    return describe(resolved.name(), resolved.loggers(), false);
  }

  private record Target(String name, List<String> loggers, LogComponent component) {}

  private Target resolve(String target) {
    String name = target == null ? "" : target.strip();
    for (LogComponent component : LogComponent.ALL) {
      if (component.name().equalsIgnoreCase(name)) {
        return new Target(component.name(), component.loggers(), component);
      }
    }
    if (name.length() <= MAX_LOGGER_NAME_CHARS && LOGGER_NAME.matcher(name).matches()) {
      return new Target(name, List.of(name), null);
    }
    throw new UnknownLogTargetException("unknown log component " + Excerpt.quote(name) + "; use one of "
        + String.join(", ", LogComponent.names()) + ", or a full logger name such as dev.corral.store.CommitRound");
  }

  private static Level level(String text) {
    String name = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(name)) {
      throw new UnknownLogTargetException("unknown log level " + Excerpt.quote(text == null ? "" : text.strip())
          + "; use one of " + String.join(", ", LEVELS));
    }
    return Level.toLevel(name);
  }

  private void remember(String logger) {
    if (!configured.containsKey(logger)) {
      Logger existing = context.getLogger(logger);
      configured.put(logger, new Configured(existing.getLevel(), existing.getEffectiveLevel()));
    }
  }

  private LoggerLevel describe(String name, List<String> loggers, boolean changed) {
    Logger first = context.getLogger(loggers.get(0));
    Configured original = configured.get(loggers.get(0));
    return new LoggerLevel(name, loggers, first.getEffectiveLevel().toString(),
        original == null ? first.getEffectiveLevel().toString() : original.effective().toString(), changed);
  }

}
