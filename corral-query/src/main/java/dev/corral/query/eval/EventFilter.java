package dev.corral.query.eval;

import dev.corral.model.LogEvent;
import dev.corral.query.ast.Query;
import dev.corral.query.resolve.FilterResolver;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Compiles a filter AST into a predicate over events that matches exactly the events the store's
 * Lucene query matches: both resolve the AST with {@link FilterResolver} (which states the rules)
 * and translate the typed filter node for node. Events are read as the store indexes them ({@link
 * EventView}): strings longer than the keyword limit (UTF-8 bytes) are not indexed, so only {@code
 * f:*} finds them; full-text fields have no such limit. The predicate is immutable and
 * thread-safe.
 */
public final class EventFilter {
  /**
   * The store's default keyword limit in UTF-8 bytes: strings above it are kept in the source but
   * not indexed. Must equal the store's configured value for results to agree.
   */
  public static final int DEFAULT_MAX_KEYWORD_BYTES = 1024;

  private EventFilter() {}

  /** {@link #compile(Query, Instant, int)} with {@link #DEFAULT_MAX_KEYWORD_BYTES}. */
  public static Predicate<LogEvent> compile(Query filter, Instant now) {
    return compile(filter, now, DEFAULT_MAX_KEYWORD_BYTES);
  }

  /**
   * The predicate of {@code filter}.
   *
   * @param now what {@code now} means in timestamp bounds
   * @param maxKeywordBytes the store's keyword limit
   * @throws IllegalArgumentException for a regex or wildcard too complex to run or invalid, or a
   *     timestamp bound that is no time (the same messages as the store)
   */
  public static Predicate<LogEvent> compile(Query filter, Instant now, int maxKeywordBytes) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(now, "now");
    if (maxKeywordBytes < 1) {
      throw new IllegalArgumentException("maxKeywordBytes must be >= 1, got " + maxKeywordBytes);
    }
    FilterCompiler.Matcher matcher = FilterCompiler.compile(FilterResolver.resolve(filter, now));
    return event -> matcher.test(new EventView(event, maxKeywordBytes));
  }
}
