package dev.corral.server.alerts.state;

import dev.corral.model.LogEvent;
import dev.corral.server.alerts.AlertRule;
import dev.corral.server.alerts.Evaluation;
import dev.corral.server.alerts.EvaluationSink;
import dev.corral.server.alerts.Notification;
import dev.corral.server.alerts.Notifier;
import dev.corral.server.config.AlertsStateSection;
import dev.corral.server.http.Route;
import dev.corral.server.service.Service;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerting's state as a service: the {@link EvaluationSink} of every rule evaluation. For each
 * evaluation, in this order:
 * <ol>
 *   <li>the rule's instances move ({@link InstanceTable}, {@link InstanceStep}); a failed
 *       evaluation changes no state, a capped one leaves the instances it did not see as they are;
 *   <li>the states are written to {@code <data>/alerts-state/instances.json} ({@link StateFile}),
 *       before anything is notified, so a restart never notifies a transition twice;
 *   <li>the evaluation and every state change are queued as {@code logtype:alert} history events
 *       ({@link AlertHistory});
 *   <li>the instances due (new firing, re-notify, resolved), less the silenced ones, become ONE
 *       {@link Notification} for the rule, handed to {@link Notifier#send} with the rule's channels.
 * </ol>
 * Routes: {@code GET /api/v1/alerts/instances} ({@link InstancesHandler}),
 * {@code GET|POST /api/v1/alerts/silences} and {@code DELETE /api/v1/alerts/silences/{id}}
 * ({@link SilencesHandler}). Stats entry {@code alerts_state}; metrics {@code corral_alerts_*}.
 *
 * <p>Thread-safe: {@link #accept} may be called for different rules at once (one call at a time per rule).
 */
public final class AlertStateService implements Service, EvaluationSink {
  /** The ingest input name history events are stored under (the metric label, the stats). */
  public static final String HISTORY_INPUT = "alerts";
  private static final Logger LOG = LoggerFactory.getLogger(AlertStateService.class);

  private final Notifier notifier;
  private final InstantSource clock;
  private final InstanceTable table;
  private final StateFile stateFile;
  private final Silences silences;
  private final AlertHistory history;
  private final NotificationBuilder notifications;
  private final AlertLinks links;
  private final AlertCounters counters = new AlertCounters();
  private final Object writeLock = new Object();
  private final java.time.Duration resolvedRetention;

  /**
   * @param config the public URL and the retention of resolved instances
   * @param directory where the states and silences live ({@code <data>/alerts-state})
   * @param notifier where notifications go
   * @param history where history events are stored (the ingest sink as input {@value #HISTORY_INPUT})
   * @param serverUrl the server's own URL, the links' base when {@code alerts.public_url} is empty;
   *     asked when a link is made (the port is known once HTTP started)
   * @param clock the time of API requests and pruning (evaluations carry their own time)
   */
  public AlertStateService(AlertsStateSection config, Path directory, Notifier notifier,
      HistoryWriter history, Supplier<String> serverUrl, InstantSource clock) {
    this.notifier = notifier;
    this.clock = clock;
    this.resolvedRetention = config.resolvedRetention();
    this.table = new InstanceTable(config.resolvedRetention());
    this.stateFile = new StateFile(directory.resolve("instances.json"));
    this.silences = new Silences(directory.resolve("silences.json"), config.resolvedRetention());
    this.history = new AlertHistory(history::write);
    this.links = new AlertLinks(config.publicUrl().isEmpty() ? serverUrl : config::publicUrl);
    this.notifications = new NotificationBuilder(links);
  }

  /** Where history events are stored: the server's ingest sink, in production. */
  @FunctionalInterface
  public interface HistoryWriter {
    /** Stores {@code events} durably; throws when they are refused. */
    void write(List<LogEvent> events) throws Exception;
  }

  @Override
  public String name() {
    return "alerts-state";
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    counters.register(registry, this::instancesByState, history::dropped);
  }

  /** Reads the saved states and silences, then starts the history writer. */
  @Override
  public void start() throws IOException {
    StateFile.Contents saved = stateFile.read();
    try {
      table.restore(saved.rules(), saved.instances());
    } catch (IllegalArgumentException e) {
      throw new IOException(stateFile + ": " + e.getMessage(), e);
    }
    silences.load();
    history.start();
    LOG.atInfo().addKeyValue("instances", saved.instances().size()).addKeyValue("silences",
        silences.list(clock.instant()).size()).log("alert states loaded");
  }

  @Override
  public void accept(AlertRule rule, Evaluation evaluation) {
    LastEvaluation last = LastEvaluation.of(evaluation);
    counters.evaluation(last.outcome());
    RuleOutcome outcome = table.apply(rule, evaluation, silences);
    List<LogEvent> events = new ArrayList<>();
    events.add(HistoryEvents.evaluation(rule.name(), last));
    if (evaluation.capped()) {
      LOG.atInfo().addKeyValue("rule", rule.name()).addKeyValue("instances", evaluation.observations().size())
          .log("evaluation capped: instances it did not see keep their state");
    }
    settle(outcome, events);
  }

  @Override
  public void rulesLoaded(Collection<AlertRule> enabled) {
    Set<String> names = enabled.stream().map(AlertRule::name).collect(Collectors.toSet());
    for (RuleOutcome outcome : table.retainRules(names, clock.instant())) {
      settle(outcome, new ArrayList<>());
    }
  }

  /** Steps 2 to 4 of the class comment for one rule's outcome. */
  private void settle(RuleOutcome outcome, List<LogEvent> events) {
    if (outcome.persist()) {
      persist();
    }
    for (InstanceStep step : outcome.steps()) {
      counters.transition(step.to());
      AlertInstance instance = step.instance();
      Optional<String> silencedBy = instance == null ? Optional.empty()
          : silences.silencedBy(outcome.rule().labelsOf(instance.key()), outcome.at());
      events.add(HistoryEvents.transition(outcome.rule(), step, outcome.at(), silencedBy));
    }
    history.record(events);
    counters.silenced(outcome.silenced().size());
    Optional<Notification> notification = notifications.build(outcome);
    notification.ifPresent(n -> {
      counters.notified(n.alerts().size());
      try {
        notifier.send(outcome.rule().channels(), n);
      } catch (RuntimeException e) { // the notifier's bug must not stop the rule's evaluations
        LOG.atError().setCause(e).addKeyValue("rule", n.rule()).addKeyValue("summary", n.summary())
            .log("BUG: the notifier threw; notification lost");
      }
    });
  }

  private void persist() {
    synchronized (writeLock) {
      try {
        stateFile.write(table.rules(), table.instances());
      } catch (IOException e) {
        counters.persistFailed();
        LOG.atError().addKeyValue("reason", e.getMessage())
            .log("alert states not written; a restart may notify their last changes again");
      }
    }
  }

  /** Every tracked instance (pending, firing, recently resolved), rule by rule. */
  public List<AlertInstance> instances() {
    return table.instances();
  }

  /** The silences and maintenance windows (tests add them directly). */
  Silences silences() {
    return silences;
  }

  private Map<AlertState, Long> instancesByState() {
    Map<AlertState, Long> counts = new EnumMap<>(AlertState.class);
    for (AlertState state : List.of(AlertState.PENDING, AlertState.FIRING, AlertState.RESOLVED)) {
      counts.put(state, 0L);
    }
    table.instances().forEach(instance -> counts.merge(instance.state(), 1L, Long::sum));
    return counts;
  }

  @Override
  public List<Route> routes() {
    InstancesHandler instances = new InstancesHandler(table, silences, links, clock, resolvedRetention);
    SilencesHandler silenceRoutes = new SilencesHandler(silences, clock);
    return List.of(Route.read("GET", "/api/v1/alerts/instances", instances),
        Route.read("GET", "/api/v1/alerts/silences", silenceRoutes),
        Route.edit("POST", "/api/v1/alerts/silences", silenceRoutes),
        Route.edit("DELETE", "/api/v1/alerts/silences/*", silenceRoutes));
  }

  @Override
  public Map<String, Object> stats() {
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Object> instances = new LinkedHashMap<>();
    instancesByState().forEach((state, count) -> instances.put(state.wireName(), count));
    json.put("instances", instances);
    json.put("rules", table.rules().size());
    json.putAll(counters.toMap());
    json.put("silences_active", silences.active(clock.instant()));
    json.put("history_events_written", history.written());
    json.put("history_events_dropped", history.dropped());
    return Map.of("alerts_state", json);
  }

  /** Stores the history still queued, then stops. */
  @Override
  public void close() {
    history.close();
  }
}
