package dev.corral.query.eval;

import dev.corral.model.LogEvent;
import dev.corral.query.ast.Query;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Compiles a filter AST into a predicate over events that matches exactly the events the store's
 * Lucene query matches (it mirrors {@code LuceneQueryBuilder}, {@code FieldMapping} and {@code
 * EventDocumentBuilder} rule for rule). The predicate is immutable and thread-safe.
 *
 * <ul>
 *   <li>Field names: reserved canonical names match case-insensitively ({@link ReservedFields}).
 *   <li>No field (free text): {@code message} or {@code exception.stacktrace}, analyzed.
 *   <li>Full-text fields ({@code message}, {@code exception.stacktrace}): the value is analyzed by
 *       Lucene's {@code StandardAnalyzer} without stop words; one word must be a word of the field,
 *       several must appear consecutively; no words matches nothing. A term that reads as a number
 *       also matches a numeric value of the field. Wildcards and regexes are lowercased and match
 *       any one word. Lexical ranges match when any word is in range.
 *   <li>{@code level}: a term is read by {@code Level.parse} ({@code err} → ERROR) or else
 *       uppercased; ranges whose bounds all name levels go by severity ({@code level:>=WARN}),
 *       other ranges compare the level name as text; wildcards are uppercased, regexes
 *       case-insensitive.
 *   <li>{@code timestamp}: terms and range bounds are {@code TimeExpression}s against {@code
 *       now}; exclusive bounds move by 1 ns.
 *   <li>Other fields: a term matches the exact string (or boolean {@code true}/{@code false}), or,
 *       when it reads as a number, a numeric value equal to it (so {@code status:500} finds 500
 *       and "500"; {@code -0} is not {@code 0}, as in Lucene's points). A range is numeric when
 *       every bound reads as a number (then only numeric values match), else lexical over strings
 *       (UTF-8 byte order). Wildcards and regexes match whole strings, never numbers.
 *   <li>Strings longer than the keyword limit (UTF-8 bytes) are not indexed by the store, so only
 *       {@code Exists} finds them; full-text fields have no such limit.
 *   <li>{@code f:*} / {@code Exists}: the event has the field with any value; always true for
 *       timestamp, level and message.
 * </ul>
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
    FilterCompiler.Matcher matcher = new FilterCompiler(now).compile(filter);
    return event -> matcher.test(new EventView(event, maxKeywordBytes));
  }
}
