package dev.corral.server.alerts.state;

import dev.corral.model.LogEvent;
import dev.corral.server.alerts.AlertRule;
import dev.corral.server.alerts.Evaluation;
import dev.corral.server.alerts.Observation;
import dev.corral.server.alerts.RuleKind;
import dev.corral.server.config.AlertsStateSection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A started {@link AlertStateService} on a temporary directory with a fake clock, a recording
 * notifier and the history kept in memory; builds rules and evaluations for the tests.
 */
final class AlertFixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
  static final String BASE_URL = "https://corral.example.com";

  final FakeClock clock = new FakeClock(T0);
  final RecordingNotifier notifier = new RecordingNotifier();
  final List<LogEvent> history = java.util.Collections.synchronizedList(new ArrayList<>());
  final Path directory;
  AlertStateService service;

  AlertFixture(Path directory) throws IOException {
    this.directory = directory;
    restart();
  }

  /** Closes the service (if any) and starts a new one on the same directory. */
  void restart() throws IOException {
    if (service != null) {
      service.close();
    }
    service = new AlertStateService(new AlertsStateSection(BASE_URL, Duration.ofHours(1)), directory, notifier,
        history::addAll, () -> "http://unused", clock);
    service.start();
  }

  static AlertRule rule(String name, Duration forDuration, Duration keepFiringFor, Duration renotifyEvery) {
    return new AlertRule(name, RuleKind.THRESHOLD, "* | stats count() by service", Duration.ofSeconds(30),
        Duration.ofMinutes(2), "count > 5", forDuration, keepFiringFor, renotifyEvery, Map.of("severity", "critical"),
        List.of("service"), List.of("oncall"), "too many events", "https://runbook", Map.of(), true);
  }

  static AlertRule rule(String name) {
    return rule(name, Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  static Observation row(String service, double value) {
    return new Observation(Map.of("service", service), value, Map.of());
  }

  /** Evaluates {@code rule} at the clock's time, advanced by {@code after}, seeing {@code rows}. */
  Evaluation evaluate(AlertRule rule, Duration after, Observation... rows) {
    Instant at = clock.advance(after);
    Evaluation evaluation = new Evaluation(rule.name(), at, at.minus(rule.window()), at, Arrays.asList(rows),
        rows.length, rows.length == 0 ? Double.NaN : rows[0].value(), false, Optional.empty(), Duration.ofMillis(3));
    service.accept(rule, evaluation);
    return evaluation;
  }

  /**
   * The history events with {@code field} = {@code value}, once {@code count} of them arrived (the
   * history is written by its own thread); fails after about 10 s.
   */
  List<LogEvent> historyWhere(String field, Object value, int count) throws InterruptedException {
    List<LogEvent> found = List.of();
    for (int attempt = 0; attempt < 500; attempt++) {
      synchronized (history) {
        found = history.stream().filter(event -> value.equals(event.get(field))).toList();
      }
      if (found.size() >= count) {
        return found;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("history never held " + count + " events with " + field + "=" + value + ": " + found);
  }

  /** The state of {@code rule}'s instance for {@code service}, or inactive. */
  AlertState state(String rule, String service) {
    return instance(rule, service).map(AlertInstance::state).orElse(AlertState.INACTIVE);
  }

  Optional<AlertInstance> instance(String rule, String service) {
    InstanceKey key = InstanceKey.of(rule, Map.of("service", service));
    return service().stream().filter(instance -> instance.key().equals(key)).findFirst();
  }

  private List<AlertInstance> service() {
    return service.instances();
  }

  @Override
  public void close() {
    service.close();
  }
}
