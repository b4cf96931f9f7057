package dev.corral.query;

import dev.corral.query.ast.Query;
import java.util.Objects;

/**
 * A filter read from the front of a query by {@link QueryParser#parseFilter(String)}.
 *
 * @param query the filter's AST ({@link dev.corral.query.ast.MatchAll} when the filter is blank)
 * @param end the offset where the filter stopped: the index of the unquoted {@code |} that starts
 *     the pipes, or the length of the text when there is none
 */
public record ParsedFilter(Query query, int end) {
  public ParsedFilter {
    Objects.requireNonNull(query, "query");
    if (end < 0) {
      throw new IllegalArgumentException("end offset must be >= 0, got " + end);
    }
  }

  /** Whether the filter stopped at a {@code |} in {@code text}, the text it was parsed from. */
  public boolean stoppedAtPipe(String text) {
    return end < text.length();
  }
}
