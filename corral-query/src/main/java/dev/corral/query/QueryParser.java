package dev.corral.query;

import dev.corral.query.ast.Query;

/**
 * Parses the filter part of a Corral query (Lucene/Kibana syntax) into an AST.
 * Thread-safe and stateless.
 */
public final class QueryParser {
  private QueryParser() {}

  /**
   * Parses a filter. Blank text gives {@link dev.corral.query.ast.MatchAll}.
   *
   * @throws QuerySyntaxException with the position of the offending character
   */
  public static Query parse(String text) {
    throw new UnsupportedOperationException("not yet written");
  }
}
