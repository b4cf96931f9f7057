package dev.corral.server.alerts.rules;

import dev.corral.server.alerts.Evaluation;
import dev.corral.server.alerts.Observation;
import dev.corral.server.alerts.RuleKind;
import dev.corral.server.search.SearchableWatermark;
import dev.corral.store.search.QueryTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates one rule once into an {@link Evaluation}: the window ends at {@link
 * SearchableWatermark#windowEnd} and is {@code window} long, the kind's evaluator runs within the
 * {@code alerts.eval_timeout} budget, and at most {@code alerts.max_instances} observations are kept
 * ({@code capped} says when there were more). A failure (timeout, lane busy, a query the store
 * refuses) is an evaluation with its {@code error}, never an exception. Thread-safe.
 */
final class RuleEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(RuleEvaluator.class);

  private final SearchableWatermark watermark;
  private final Map<RuleKind, KindEvaluator> kinds = new EnumMap<>(RuleKind.class);
  private final Duration budget;
  private final int maxInstances;

  RuleEvaluator(RuleQueries queries, SearchableWatermark watermark, Duration budget, int maxInstances) {
    this.watermark = watermark;
    this.budget = budget;
    this.maxInstances = maxInstances;
    ThresholdEvaluator threshold = new ThresholdEvaluator(queries);
    kinds.put(RuleKind.THRESHOLD, threshold);
    kinds.put(RuleKind.RATIO, threshold);
    kinds.put(RuleKind.TRACE, new TraceEvaluator(queries));
    kinds.put(RuleKind.BASELINE, new BaselineEvaluator(queries));
    kinds.put(RuleKind.ABSENCE, new AbsenceEvaluator(queries));
    kinds.put(RuleKind.MATCH, new MatchCountEvaluator(queries));
  }

  /** Evaluates {@code rule} as of {@code now} (its due instant: the window ends at {@code now - lag}). */
  Evaluation evaluate(CompiledRule rule, Instant now) {
    long started = System.nanoTime();
    String name = rule.rule().name();
    Instant to = now;
    Instant from = now.minus(rule.rule().window());
    try {
      to = watermark.windowEnd(now);
      from = to.minus(rule.rule().window());
      Outcome outcome = kinds.get(rule.rule().kind()).evaluate(rule, new Window(now, from, to), new Budget(budget));
      List<Observation> observations = outcome.observations();
      boolean capped = observations.size() > maxInstances;
      return new Evaluation(name, now, from, to, capped ? observations.subList(0, maxInstances) : observations,
          outcome.rows(), outcome.value(), capped, Optional.empty(), Duration.ofNanos(System.nanoTime() - started));
    } catch (QueryTimeoutException e) {
      return failed(rule, now, from, to, started, new Budget.EvaluationTimeoutException(budget).getMessage());
    } catch (Exception e) {
      return failed(rule, now, from, to, started, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private static Evaluation failed(CompiledRule rule, Instant now, Instant from, Instant to, long started,
      String reason) {
    String name = rule.rule().name();
    LOG.atWarn().addKeyValue("rule", name).addKeyValue("reason", reason).log("alert rule evaluation failed");
    return new Evaluation(name, now, from, to, List.of(), 0, Double.NaN, false, Optional.of(reason),
        Duration.ofNanos(System.nanoTime() - started));
  }
}
