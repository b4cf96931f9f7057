package dev.corral.server.search;

import dev.corral.query.QueryParser;
import dev.corral.query.QuerySyntaxException;
import dev.corral.query.ast.Query;
import dev.corral.query.plan.QueryPlanParser;

/**
 * Reads the {@code q} of endpoints that take a filter only — live tail, field summaries — with the
 * same length limit as whole queries. A pipe is a syntax error at its position.
 */
public final class FilterText {
  private FilterText() {}

  /**
   * @param text the filter; blank matches everything
   * @throws QuerySyntaxException with the position of the problem (a {@code |} included)
   */
  public static Query parse(String text) {
    if (text.length() > QueryPlanParser.MAX_QUERY_CHARS) {
      throw new QuerySyntaxException("query is " + text.length() + " characters long; the limit is "
          + QueryPlanParser.MAX_QUERY_CHARS, text, QueryPlanParser.MAX_QUERY_CHARS);
    }
    return QueryParser.parse(text);
  }
}
