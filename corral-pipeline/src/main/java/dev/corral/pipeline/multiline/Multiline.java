package dev.corral.pipeline.multiline;

import dev.corral.model.LogEvent;
import dev.corral.multiline.JavaStackTrace;
import dev.corral.multiline.PythonTraceback;
import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.parse.BoundedPattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pipeline's {@code multiline:} block, built: how the raw lines of one stream are joined into
 * events before the pipeline's processors run. Immutable and thread-safe; the state of one stream is
 * a {@link LineJoiner} ({@link #joiner()}).
 *
 * <p>Options (exactly one way of grouping):
 *
 * <ul>
 *   <li>{@code preset}: {@code java} (frames {@code at …}, {@code ... N more}, {@code Caused by:},
 *       {@code Suppressed:} and an exception class line join the line before them) or {@code python}
 *       ({@link PythonTraceback});
 *   <li>{@code start} and/or {@code continue}: regular expressions ({@link PatternGrouping});
 *   <li>{@code pattern}, {@code negate} (false), {@code match} ({@code after} or {@code before}):
 *       Filebeat's {@code multiline.type: pattern} ({@link PatternGrouping});
 * </ul>
 *
 * and {@code max_lines} ({@value #DEFAULT_MAX_LINES}), {@code max_bytes} ({@value #DEFAULT_MAX_BYTES}),
 * {@code flush_timeout} ({@code 5s}: how long a streaming input's open group waits for its next line),
 * {@code timeout_millis} (the time budget of one pattern on one line, as grok's). Patterns are
 * compiled and probed for catastrophic backtracking when the definition is built
 * ({@link BoundedPattern}); a bad one refuses the definition, naming it.
 */
public final class Multiline {
  /** Filebeat's default: a stack trace of 500 lines is already past what anyone reads. */
  public static final int DEFAULT_MAX_LINES = 500;
  /** A long Java trace (200 frames of ~150 bytes) is ~30 KiB; this leaves room and stays well inside the event limit. */
  public static final int DEFAULT_MAX_BYTES = 256 * 1024;
  /** Most lines one group may be set to hold: bounds the memory one stream holds open. */
  public static final int MAX_LINES = 100_000;
  /** Most bytes one group may be set to hold: the default event limit (ingest.max_event_bytes), which an event cannot pass. */
  public static final int MAX_BYTES = 1 << 20;
  /** Filebeat's default: a trace is written at once, so a pause of seconds means it is complete. */
  public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(5);
  /** Longest flush timeout: a group waiting longer delays its event's visibility (and a Beats ack) too much. */
  public static final Duration MAX_FLUSH_TIMEOUT = Duration.ofMinutes(10);

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

  private final Supplier<LineGrouping> grouping;
  private final int maxLines;
  private final int maxBytes;
  private final Duration flushTimeout;

  private Multiline(Supplier<LineGrouping> grouping, int maxLines, int maxBytes, Duration flushTimeout) {
    this.grouping = grouping;
    this.maxLines = maxLines;
    this.maxBytes = maxBytes;
    this.flushTimeout = flushTimeout;
  }

  /**
   * Builds a {@code multiline:} block.
   *
   * @param where the pipeline and the block's line, for messages ({@code pipeline 'app', multiline at line 3})
   * @throws DefinitionException for an unknown option or preset, no or two ways of grouping, a pattern
   *     that does not compile or backtracks catastrophically, a limit out of its range
   */
  public static Multiline build(Map<String, Object> options, String where) throws DefinitionException {
    ProcessorConfig config = new ProcessorConfig(where, options);
    long budget = config.integer("timeout_millis", BoundedPattern.DEFAULT_MILLIS, 1, BoundedPattern.MAX_MILLIS);
    List<String> ways = new ArrayList<>();
    for (String way : List.of("preset", "start", "continue", "pattern")) {
      if (config.has(way)) {
        ways.add(way);
      }
    }
    if (ways.isEmpty() || ways.contains("preset") && ways.size() > 1 || ways.contains("pattern") && ways.size() > 1) {
      throw config.invalid("give one way of grouping lines: 'preset' (java, python), 'start' and/or 'continue', "
          + "or Filebeat's 'pattern' with 'negate' and 'match'; got " + (ways.isEmpty() ? "none" : String.join(", ", ways)));
    }
    Supplier<LineGrouping> grouping = grouping(config, ways.getFirst(), budget);
    int maxLines = (int) config.integer("max_lines", DEFAULT_MAX_LINES, 1, MAX_LINES);
    int maxBytes = (int) config.integer("max_bytes", DEFAULT_MAX_BYTES, 1, MAX_BYTES);
    Duration flushTimeout = duration(config, "flush_timeout", DEFAULT_FLUSH_TIMEOUT);
    config.requireAllRead();
    return new Multiline(grouping, maxLines, maxBytes, flushTimeout);
  }

  private static Supplier<LineGrouping> grouping(ProcessorConfig config, String way, long budget)
      throws DefinitionException {
    switch (way) {
      case "preset" -> {
        String preset = config.string("preset");
        return switch (preset) {
          case "java" -> {
            PatternGrouping java = PatternGrouping.startContinue(null, BoundedPattern.compile(JavaStackTrace.CONTINUE, budget));
            yield () -> java;
          }
          case "python" -> () -> new PythonTraceback()::decide;
          default -> throw config.invalid("option 'preset' is '" + preset + "'; the presets are java and python");
        };
      }
      case "pattern" -> {
        BoundedPattern pattern = pattern(config, "pattern", budget);
        boolean negate = config.bool("negate", false);
        String match = config.string("match", "after");
        if (!match.equals("after") && !match.equals("before")) {
          throw config.invalid("option 'match' is '" + match + "', must be after or before");
        }
        PatternGrouping filebeat = PatternGrouping.filebeat(pattern, negate, match.equals("before"));
        return () -> filebeat;
      }
      default -> {
        BoundedPattern start = config.has("start") ? pattern(config, "start", budget) : null;
        BoundedPattern continues = config.has("continue") ? pattern(config, "continue", budget) : null;
        PatternGrouping rule = PatternGrouping.startContinue(start, continues);
        return () -> rule;
      }
    }
  }

  private static BoundedPattern pattern(ProcessorConfig config, String option, long budget) throws DefinitionException {
    String regex = config.string(option);
    try {
      return BoundedPattern.compile(regex, budget);
    } catch (IllegalArgumentException e) {
      throw config.invalid("option '" + option + "': pattern " + e.getMessage());
    }
  }

  private static Duration duration(ProcessorConfig config, String option, Duration fallback) throws DefinitionException {
    Optional<String> text = config.optionalString(option);
    if (text.isEmpty()) {
      return fallback;
    }
    Matcher matcher = DURATION.matcher(text.get());
    if (!matcher.matches()) {
      throw config.invalid("option '" + option + "' is '" + text.get() + "', must be a duration such as 500ms, 5s or 1m");
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration duration = switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
    if (duration.isZero() || duration.compareTo(MAX_FLUSH_TIMEOUT) > 0) {
      throw config.invalid("option '" + option + "' is " + text.get() + ", must be over 0 and at most "
          + MAX_FLUSH_TIMEOUT.toMinutes() + "m");
    }
    return duration;
  }

  /** The state of a new stream: no open group. */
  public LineJoiner joiner() {
    return new LineJoiner(grouping.get(), maxLines, maxBytes, flushTimeout.toNanos());
  }

  /**
   * The lines of one whole stream (an HTTP request's body), joined; the end of the lines completes
   * the last group.
   */
  public List<LogEvent> join(List<LogEvent> lines) {
    LineJoiner joiner = joiner();
    List<LogEvent> joined = new ArrayList<>(lines.size());
    for (LogEvent line : lines) {
      joined.addAll(joiner.add(line, 0));
    }
    joiner.flush().ifPresent(joined::add);
    return joined;
  }

  public int maxLines() {
    return maxLines;
  }

  public int maxBytes() {
    return maxBytes;
  }

  /** How long a streaming input's open group waits for its next line before it is complete. */
  public Duration flushTimeout() {
    return flushTimeout;
  }
}
