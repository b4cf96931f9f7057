package dev.corral.pipeline.condition;

import dev.corral.model.LogEvent;
import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.EventDocument;
import dev.corral.query.QueryParser;
import dev.corral.query.QuerySyntaxException;
import dev.corral.query.ast.Query;
import dev.corral.query.eval.EventFilter;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * A Corral filter as a condition: parsed by the query language's parser and matched by {@link
 * EventFilter}, the in-memory twin of the store's matching, on the document's current event.
 * Immutable and thread-safe.
 */
public final class FilterCondition implements Condition {
  private final Predicate<LogEvent> filter;

  private FilterCondition(Predicate<LogEvent> filter) {
    this.filter = filter;
  }

  /** The filter's condition, or a {@link DefinitionException} with the parser's reason and caret. */
  public static FilterCondition compile(String text, String where, Instant now) throws DefinitionException {
    return new FilterCondition(predicate(text, where + ": condition", now));
  }

  /**
   * A filter text as a predicate on events, for conditions and a pipeline's {@code when}.
   *
   * @param what the option the text comes from, for messages
   */
  public static Predicate<LogEvent> predicate(String text, String what, Instant now) throws DefinitionException {
    Query query;
    try {
      query = QueryParser.parse(text);
    } catch (QuerySyntaxException e) {
      throw new DefinitionException(what + " '" + text + "' is not a valid filter: " + e.reason() + " at position "
          + e.position() + "\n" + e.caret(), e);
    }
    try {
      return EventFilter.compile(query, now);
    } catch (IllegalArgumentException e) {
      throw new DefinitionException(what + " '" + text + "' cannot be matched: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean test(EventDocument document) {
    return filter.test(document.toEvent());
  }
}
