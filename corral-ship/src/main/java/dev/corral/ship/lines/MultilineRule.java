package dev.corral.ship.lines;

import dev.corral.multiline.JavaStackTrace;
import dev.corral.multiline.PythonTraceback;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An input's {@code multiline:} option, built: how consecutive lines of one source are joined into one record
 * (a stack trace). Immutable and thread-safe; the state of one source is a {@link MultilineJoiner}
 * ({@link #joiner()}).
 *
 * <p>Ways of grouping: the presets {@code java} (frames {@code at …}, {@code ... N more}, {@code Caused by:},
 * {@code Suppressed:} and an exception class line join the line before them) and {@code python}
 * ({@link PythonTraceback}), both the same as the server pipelines' presets; or Filebeat's {@code pattern},
 * {@code negate}, {@code match} ({@link PatternGrouping}). A group is complete at the next line that begins one,
 * when it reaches {@code maxLines} lines or would pass {@code maxBytes} bytes, or {@code timeout} after its last
 * line when no line follows.
 */
public final class MultilineRule {
  /** Filebeat's default: a stack trace of 500 lines is already past what anyone reads. */
  public static final int DEFAULT_MAX_LINES = 500;
  /** A long Java trace (200 frames of ~150 bytes) is ~30 KiB; this leaves room and stays inside the server's 1 MiB event limit. */
  public static final int DEFAULT_MAX_BYTES = 256 * 1024;
  /** Filebeat's default: a trace is written at once, so a pause of seconds means it is complete. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  /** The server refuses an event over 1 MiB (ingest.max_event_bytes by default): a bigger group could not be stored. */
  public static final int MAX_BYTES = 1 << 20;

  private final String description;
  private final Supplier<LineGrouping> grouping;
  private final int maxLines;
  private final int maxBytes;
  private final Duration timeout;

  private MultilineRule(String description, Supplier<LineGrouping> grouping, int maxLines, int maxBytes,
      Duration timeout) {
    if (maxLines < 1 || maxBytes < 1 || maxBytes > MAX_BYTES) {
      throw new IllegalArgumentException("multiline max_lines " + maxLines + " must be at least 1 and max_bytes "
          + maxBytes + " between 1 and " + MAX_BYTES);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("multiline timeout " + timeout + " must be positive");
    }
    this.description = description;
    this.grouping = grouping;
    this.maxLines = maxLines;
    this.maxBytes = maxBytes;
    this.timeout = timeout;
  }

  /**
   * A preset: {@code java} or {@code python}.
   *
   * @throws IllegalArgumentException naming the preset when it is neither
   */
  public static MultilineRule preset(String name, int maxLines, int maxBytes, Duration timeout) {
    return switch (name) {
      case "java" -> {
        PatternGrouping java = new PatternGrouping(Pattern.compile(JavaStackTrace.CONTINUE), false, false);
        yield new MultilineRule("preset java", () -> java, maxLines, maxBytes, timeout);
      }
      case "python" -> new MultilineRule("preset python", () -> new PythonTraceback()::decide, maxLines, maxBytes, timeout);
      default -> throw new IllegalArgumentException("preset '" + name + "' is unknown; the presets are java and python");
    };
  }

  /**
   * Filebeat's pattern rule.
   *
   * @throws IllegalArgumentException when {@code regex} does not compile, with the reason
   */
  public static MultilineRule pattern(String regex, boolean negate, boolean before, int maxLines, int maxBytes,
      Duration timeout) {
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("pattern '" + regex + "' does not compile: " + e.getDescription());
    }
    PatternGrouping grouping = new PatternGrouping(pattern, negate, before);
    String description = "pattern " + regex + (negate ? " negated" : "") + (before ? " before" : " after");
    return new MultilineRule(description, () -> grouping, maxLines, maxBytes, timeout);
  }

  /** The state of a new source: no open group. */
  public MultilineJoiner joiner() {
    return new MultilineJoiner(grouping.get(), maxLines, maxBytes, timeout.toNanos());
  }

  public Duration timeout() {
    return timeout;
  }

  @Override
  public String toString() {
    return "multiline " + description + " max_lines=" + maxLines + " max_bytes=" + maxBytes + " timeout=" + timeout;
  }
}
