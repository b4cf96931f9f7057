package dev.corral.server.alerts.state;

import dev.corral.server.alerts.AlertRule;
import dev.corral.server.alerts.Evaluation;
import dev.corral.server.alerts.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every tracked alert instance, by rule: the states {@link InstanceStep} moves and the decisions of
 * who is notified. One instance per rule and group (observations of the same group are one
 * instance), so a transition is notified once.
 *
 * <p>Notification rules: a firing instance is notified when it starts firing, and again every
 * {@code renotify_every} while it fires; one that fired while silenced is notified once the silence
 * no longer covers it; a resolve is notified only for an episode whose firing was notified
 * (receivers never see a resolve of what they were never told), silenced or not, so an incident a
 * receiver opened is always closed. Pending and pending-dropped instances are never notified.
 *
 * <p>Thread-safe: every method is synchronized (evaluations of different rules may arrive on
 * different threads).
 */
final class InstanceTable {
  private final Duration resolvedRetention;
  private final Map<String, RuleInfo> rules = new LinkedHashMap<>();
  private final Map<String, Map<InstanceKey, AlertInstance>> instances = new LinkedHashMap<>();
  private final Map<String, LastEvaluation> lastEvaluations = new LinkedHashMap<>();
  private final Set<String> retired = new HashSet<>();

  /** @param resolvedRetention how long a resolved instance stays listed before it is forgotten */
  InstanceTable(Duration resolvedRetention) {
    this.resolvedRetention = resolvedRetention;
  }

  /** Restores what a {@link StateFile} held: rules and their instances. */
  synchronized void restore(Collection<RuleInfo> savedRules, Collection<AlertInstance> saved) {
    for (RuleInfo rule : savedRules) {
      rules.put(rule.name(), rule);
    }
    for (AlertInstance instance : saved) {
      if (!rules.containsKey(instance.key().rule())) {
        throw new IllegalArgumentException("instance " + instance.key() + " names a rule the state file does not hold");
      }
      instances.computeIfAbsent(instance.key().rule(), name -> new LinkedHashMap<>()).put(instance.key(), instance);
    }
  }

  /**
   * Applies one evaluation of {@code rule}. A failed one changes nothing but the rule's last
   * evaluation; a capped one moves the instances it saw and leaves the others as they are (they may
   * be among the rows the cap left out).
   */
  synchronized RuleOutcome apply(AlertRule rule, Evaluation evaluation, Silencer silencer) {
    RuleInfo info = RuleInfo.of(rule);
    boolean ruleChanged = !info.equals(rules.put(rule.name(), info));
    retired.remove(rule.name());
    lastEvaluations.put(rule.name(), LastEvaluation.of(evaluation));
    Instant at = evaluation.at();
    if (evaluation.failed()) {
      return new RuleOutcome(info, at, List.of(), List.of(), List.of(), ruleChanged);
    }
    Map<InstanceKey, Observation> seen = new LinkedHashMap<>();
    for (Observation observation : evaluation.observations()) {
      seen.putIfAbsent(InstanceKey.of(rule.name(), observation.group()), observation); // one instance per group
    }
    Map<InstanceKey, AlertInstance> table = instances.computeIfAbsent(rule.name(), name -> new LinkedHashMap<>());
    Set<InstanceKey> keys = new java.util.LinkedHashSet<>(table.keySet());
    if (evaluation.capped()) {
      keys.retainAll(seen.keySet());
    }
    keys.addAll(seen.keySet());
    List<InstanceStep> steps = new ArrayList<>();
    for (InstanceKey key : keys) {
      InstanceStep step = InstanceStep.of(key, table.get(key), seen.get(key), rule, at);
      put(table, key, step.instance());
      if (step.changed()) {
        steps.add(step);
      }
    }
    RuleOutcome outcome = decide(info, at, table, steps, rule.renotifyEvery(), silencer, ruleChanged);
    List.copyOf(retired).forEach(name -> prune(name, at)); // retired rules get no evaluation to prune them
    return outcome;
  }

  /**
   * Resolves the firing instances (and drops the pending ones) of every rule not in {@code enabled}:
   * a rule that was deleted or disabled. Its resolves are notified with what was kept of it.
   */
  synchronized List<RuleOutcome> retainRules(Set<String> enabled, Instant at) {
    List<RuleOutcome> outcomes = new ArrayList<>();
    for (String name : List.copyOf(rules.keySet())) {
      if (enabled.contains(name) || !retired.add(name)) {
        continue;
      }
      Map<InstanceKey, AlertInstance> table = instances.computeIfAbsent(name, rule -> new LinkedHashMap<>());
      List<InstanceStep> steps = new ArrayList<>();
      for (AlertInstance instance : List.copyOf(table.values())) {
        AlertInstance next = switch (instance.state()) {
          case FIRING -> InstanceStep.resolved(instance, at);
          case PENDING -> null;
          default -> instance;
        };
        put(table, instance.key(), next);
        AlertState to = next == null ? AlertState.INACTIVE : next.state();
        if (to != instance.state()) {
          steps.add(new InstanceStep(instance, next, instance.state(), to));
        }
      }
      outcomes.add(decide(rules.get(name), at, table, steps, Duration.ZERO, Silencer.NONE, !steps.isEmpty()));
    }
    return outcomes;
  }

  private RuleOutcome decide(RuleInfo info, Instant at, Map<InstanceKey, AlertInstance> table,
      List<InstanceStep> steps, Duration renotifyEvery, Silencer silencer, boolean ruleChanged) {
    List<AlertInstance> notify = new ArrayList<>();
    List<AlertInstance> silenced = new ArrayList<>();
    Set<InstanceKey> resolvedNow = new HashSet<>();
    for (InstanceStep step : steps) {
      if (step.to() == AlertState.RESOLVED && step.from() == AlertState.FIRING) {
        resolvedNow.add(step.subject().key());
      }
    }
    for (AlertInstance instance : List.copyOf(table.values())) {
      boolean due = switch (instance.state()) {
        case FIRING -> !instance.notified() || renotifyDue(instance, renotifyEvery, at);
        case RESOLVED -> resolvedNow.contains(instance.key()) && instance.notified();
        default -> false;
      };
      if (!due) {
        continue;
      }
      if (instance.state() == AlertState.FIRING && silencer.silencedBy(info.labelsOf(instance.key()), at).isPresent()) {
        silenced.add(instance);
        continue;
      }
      AlertInstance notified = instance.notifiedAt(at);
      table.put(instance.key(), notified);
      notify.add(notified);
    }
    notify.sort(Comparator.comparing((AlertInstance instance) -> instance.state() != AlertState.FIRING));
    prune(info.name(), at);
    boolean firing = table.values().stream().anyMatch(instance -> instance.state() == AlertState.FIRING);
    boolean persist = ruleChanged || !steps.isEmpty() || !notify.isEmpty() || firing; // firing: last_seen_at moved
    return new RuleOutcome(info, at, steps, notify, silenced, persist);
  }

  private static boolean renotifyDue(AlertInstance instance, Duration renotifyEvery, Instant at) {
    return !renotifyEvery.isZero() && !at.isBefore(instance.lastNotifiedAt().plus(renotifyEvery));
  }

  private static void put(Map<InstanceKey, AlertInstance> table, InstanceKey key, AlertInstance instance) {
    if (instance == null) {
      table.remove(key);
    } else {
      table.put(key, instance);
    }
  }

  /** Forgets {@code rule}'s instances resolved longer than the retention ago, and the rule once it has none left and is retired. */
  private void prune(String rule, Instant at) {
    Map<InstanceKey, AlertInstance> table = instances.computeIfAbsent(rule, name -> new LinkedHashMap<>());
    Instant horizon = at.minus(resolvedRetention);
    table.values().removeIf(instance -> instance.state() == AlertState.RESOLVED && instance.endsAt().isBefore(horizon));
    if (table.isEmpty() && retired.contains(rule)) {
      instances.remove(rule);
      rules.remove(rule);
      lastEvaluations.remove(rule);
      retired.remove(rule);
    }
  }

  /** Every tracked instance, rule by rule. */
  synchronized List<AlertInstance> instances() {
    List<AlertInstance> all = new ArrayList<>();
    instances.values().forEach(table -> all.addAll(table.values()));
    return all;
  }

  /** The rules the table knows (evaluated since start, or holding saved instances). */
  synchronized List<RuleInfo> rules() {
    return List.copyOf(rules.values());
  }

  /** What is kept of {@code rule}, or null. */
  synchronized RuleInfo rule(String rule) {
    return rules.get(rule);
  }

  /** The last evaluation of each rule evaluated since start. */
  synchronized Map<String, LastEvaluation> lastEvaluations() {
    return Map.copyOf(lastEvaluations);
  }
}
