package dev.corral.server.alerts.rules;

import dev.corral.server.alerts.Observation;
import dev.corral.server.search.QueryBusyException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Match rules over a stored window, for the preview (the live rule runs on the stream, {@link
 * MatchWatcher}): satisfied when any event in the window matches the filter; one instance (no
 * group) whose value is how many did.
 */
final class MatchCountEvaluator implements KindEvaluator {
  private final RuleQueries queries;

  MatchCountEvaluator(RuleQueries queries) {
    this.queries = queries;
  }

  @Override
  public Outcome evaluate(CompiledRule rule, Window window, Budget budget) throws IOException, QueryBusyException {
    long matches = queries.run(rule.plan(), window, budget).total();
    return new Outcome(matches == 0 ? List.of() : List.of(new Observation(Map.of(), matches, Map.of("count", matches))),
        1, matches);
  }
}
