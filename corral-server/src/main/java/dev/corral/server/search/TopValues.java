package dev.corral.server.search;

import dev.corral.model.FieldNames;
import dev.corral.query.ast.And;
import dev.corral.query.ast.MatchAll;
import dev.corral.query.ast.Query;
import dev.corral.query.ast.Regex;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.TopPipe;
import dev.corral.server.auth.Principal;
import dev.corral.server.metrics.QueryKind;
import dev.corral.store.search.QueryResult;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact most frequent values of one field over a whole time range, for autocompletion: the
 * query language's {@code top} run through {@link QueryService} (so the usual limits, timeout and
 * query pool apply) on the events a filter matches, optionally only values starting with a prefix
 * (any case; string values — numbers have no text to complete).
 */
public final class TopValues {
  /** Longest prefix: autocompletion needs a few characters, not a paragraph. */
  public static final int MAX_PREFIX_CHARS = 256;

  private final QueryService queries;

  public TopValues(QueryService queries) {
    this.queries = queries;
  }

  /**
   * Values of a field with their counts, and a warning when they cannot be listed.
   *
   * @param warning why {@code values} is empty although events match (unknown or full-text
   *     field), or null
   */
  public record Answer(List<ValueCount> values, String warning) {
    public Answer {
      values = List.copyOf(values);
    }
  }

  /**
   * @param who whose reads these are: a restricted principal counts only the events it may read,
   *     and is told a field is unknown only when none of those has it
   * @param field the field as typed; reserved names in any case
   * @param filter which events count
   * @param prefix only values starting with it, any case; empty for all
   * @param limit most values returned
   * @throws IllegalArgumentException for a bad bound or a prefix over {@value #MAX_PREFIX_CHARS} chars
   * @throws dev.corral.store.search.QueryTimeoutException past {@code search.timeout}
   * @throws QueryBusyException when the query pool is full
   */
  public Answer of(Principal who, String field, Query filter, String from, String to, String prefix, int limit,
      Instant now) throws IOException, QueryBusyException {
    if (prefix.length() > MAX_PREFIX_CHARS) {
      throw new IllegalArgumentException("prefix is " + prefix.length() + " characters long; the limit is "
          + MAX_PREFIX_CHARS);
    }
    String canonical = FieldNames.canonical(field);
    if (FieldNames.FULL_TEXT.contains(canonical)) {
      return new Answer(List.of(), "'" + canonical + "' is full text: the index keeps its words, not whole values; "
          + "search for words in it instead");
    }
    Query selection = prefix.isEmpty() ? filter : and(filter, new Regex(field, PrefixPattern.caseInsensitive(prefix)));
    QueryResult result = queries.execute(who, QueryKind.FIELDS,
        new QueryPlan(selection, List.of(new TopPipe(limit, field))), from, to, 0, now);
    List<ValueCount> values = new ArrayList<>();
    for (List<Object> row : result.table().rows()) {
      if (row.get(0) != null) {
        values.add(new ValueCount(row.get(0), ((Number) row.get(1)).longValue()));
      }
    }
    if (!values.isEmpty()) {
      return new Answer(values, null);
    }
    return new Answer(values, FieldHints.unknownField(field, queries.knownFields(who, now)).orElse(null));
  }

  private static Query and(Query filter, Query prefix) {
    return filter instanceof MatchAll ? prefix : new And(List.of(filter, prefix));
  }
}
