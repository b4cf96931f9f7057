package dev.corral.pipeline.multiline;

import dev.corral.model.Fields;
import dev.corral.model.LogEvent;
import dev.corral.multiline.Decision;
import dev.corral.pipeline.parse.BoundedPattern.BudgetSpentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lines of one stream, joined into groups as they arrive ({@link Multiline}): {@link #add}
 * returns the groups a line completes, {@link #flush} the group still open (at the end of a request's
 * body), {@link #flushIfIdle} the open group once no line came for the flush timeout (a streaming
 * connection). Not thread-safe: one stream is read by one thread.
 *
 * <p>A group becomes one event: the first line's timestamp, level and fields (a field only a later
 * line has, such as {@code _invalid_utf8}, is added), {@code message} = the lines joined with
 * {@code \n}, and, when it holds more than one line, {@value #LINES} = their count. A group that would
 * pass {@code max_lines} or {@code max_bytes} (UTF-8 bytes of the joined message) is completed before
 * the line that would pass it, with {@value #TRUNCATED} = {@code max_lines} or {@code max_bytes}; the
 * rest of it goes on in the next event, marked {@value #CONTINUED} = true: nothing is lost. A single
 * line over {@code max_bytes} is an event of its own, whole. A line on which a pattern runs out of its
 * time budget is an event of its own too, marked {@value #ERROR}.
 */
public final class LineJoiner {
  /** How many lines the event joins, when more than one. */
  public static final String LINES = "multiline.lines";
  /** On an event completed early by a limit: which one ({@code max_lines}, {@code max_bytes}). */
  public static final String TRUNCATED = "multiline.truncated";
  /** On the event that goes on with the lines of a group completed early by a limit. */
  public static final String CONTINUED = "multiline.continued";
  /** On a line a pattern could not classify within its time budget: why. */
  public static final String ERROR = "multiline.error";

  private final LineGrouping grouping;
  private final int maxLines;
  private final int maxBytes;
  private final long flushTimeoutNanos;

  private final List<LogEvent> open = new ArrayList<>();
  private final StringBuilder message = new StringBuilder();
  private long openBytes;
  private boolean openContinues;
  private long lastLineNanos;

  LineJoiner(LineGrouping grouping, int maxLines, int maxBytes, long flushTimeoutNanos) {
    this.grouping = grouping;
    this.maxLines = maxLines;
    this.maxBytes = maxBytes;
    this.flushTimeoutNanos = flushTimeoutNanos;
  }

  /**
   * Adds the next line of the stream.
   *
   * @param line an event whose {@code message} is one line
   * @param nowNanos the time it arrived (any monotonic clock, e.g. {@link System#nanoTime()}), for
   *     {@link #flushIfIdle}
   * @return the groups this line completed, in order (none, one or two)
   */
  public List<LogEvent> add(LogEvent line, long nowNanos) {
    List<LogEvent> completed = new ArrayList<>(2);
    lastLineNanos = nowNanos;
    String text = line.message();
    Decision decision;
    try {
      decision = grouping.decide(text);
    } catch (BudgetSpentException e) {
      flush().ifPresent(completed::add);
      completed.add(marked(line, e.getMessage()));
      return completed;
    }
    long bytes = utf8Length(text);
    if (decision == Decision.START) {
      flush().ifPresent(completed::add);
    } else if (!open.isEmpty()) {
      String limit = open.size() + 1 > maxLines ? "max_lines" : openBytes + 1 + bytes > maxBytes ? "max_bytes" : null;
      if (limit != null) {
        completed.add(complete(limit));
        openContinues = true;
      }
    }
    if (!open.isEmpty()) {
      message.append('\n');
      openBytes++;
    }
    open.add(line);
    message.append(text);
    openBytes += bytes;
    if (decision == Decision.JOIN_AND_CLOSE) {
      flush().ifPresent(completed::add);
    }
    return completed;
  }

  /** The open group as an event, completing it; empty when none is open. */
  public Optional<LogEvent> flush() {
    return open.isEmpty() ? Optional.empty() : Optional.of(complete(null));
  }

  /**
   * The open group, when its last line came at least the flush timeout before {@code nowNanos}.
   *
   * @param nowNanos the same clock as {@link #add}'s
   */
  public Optional<LogEvent> flushIfIdle(long nowNanos) {
    return !open.isEmpty() && nowNanos - lastLineNanos >= flushTimeoutNanos ? flush() : Optional.empty();
  }

  /**
   * When {@link #flushIfIdle} completes the open group if no line comes first: the last line's time
   * plus the flush timeout; {@link Long#MAX_VALUE} when no group is open.
   */
  public long flushDeadlineNanos() {
    return open.isEmpty() ? Long.MAX_VALUE : lastLineNanos + flushTimeoutNanos;
  }

  /** Whether a group is open (a line is held, not yet an event). */
  public boolean hasOpenGroup() {
    return !open.isEmpty();
  }

  private LogEvent complete(String truncatedBy) {
    LogEvent first = open.getFirst();
    Fields.Builder fields = Fields.builder(first.fields().size() + 3);
    first.fields().forEach(fields::put);
    for (int i = 1; i < open.size(); i++) {
      open.get(i).fields().forEach(fields::putIfAbsent);
    }
    if (open.size() > 1) {
      fields.put(LINES, (long) open.size());
    }
    if (truncatedBy != null) {
      fields.put(TRUNCATED, truncatedBy);
    }
    if (openContinues) {
      fields.put(CONTINUED, true);
    }
    LogEvent event = open.size() == 1 && fields.size() == first.fields().size() ? first
        : new LogEvent(first.timestamp(), first.level(), message.toString(), fields.build());
    open.clear();
    message.setLength(0);
    openBytes = 0;
    openContinues = false;
    return event;
  }

  private static LogEvent marked(LogEvent line, String reason) {
    Fields.Builder fields = Fields.builder(line.fields().size() + 1);
    line.fields().forEach(fields::put);
    fields.put(ERROR, reason);
    return new LogEvent(line.timestamp(), line.level(), line.message(), fields.build());
  }

  /** UTF-8 bytes of {@code text} (an unpaired surrogate counts as the 3 bytes of U+FFFD it is written as). */
  static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
