package dev.corral.server.alerts.state;

import static dev.corral.server.alerts.state.AlertFixture.row;
import static dev.corral.server.alerts.state.AlertFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.LogEvent;
import dev.corral.server.alerts.AlertRule;
import dev.corral.server.alerts.Evaluation;
import dev.corral.server.alerts.Notification;
import dev.corral.server.alerts.NotifiedAlert;
import dev.corral.server.alerts.Observation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state machine, dedupe, re-notify, resolve, restart and rule retirement, on a fake clock. */
class AlertStateServiceTest {
  private static final Duration EVERY = Duration.ofSeconds(30);
  @TempDir
  Path directory;
  private AlertFixture alerts;

  @BeforeEach
  void start() throws Exception {
    alerts = new AlertFixture(directory);
  }

  @AfterEach
  void stop() {
    alerts.close();
  }

  @Test
  void forZeroFiresAtTheFirstEvaluationAndNotifiesOnce() {
    AlertRule rule = rule("errors");
    alerts.evaluate(rule, EVERY, row("api", 9));
    assertThat(alerts.state("errors", "api")).isEqualTo(AlertState.FIRING);
    alerts.evaluate(rule, EVERY, row("api", 10));
    alerts.evaluate(rule, EVERY, row("api", 11));
    assertThat(alerts.notifier.notifications()).hasSize(1);
    Notification sent = alerts.notifier.notifications().getFirst();
    assertThat(alerts.notifier.sent().getFirst().channels()).containsExactly("oncall");
    assertThat(sent.summary()).isEqualTo("errors firing for 1 group (api)");
    assertThat(sent.severity()).isEqualTo("critical");
    assertThat(sent.alerts()).singleElement().satisfies(alert -> {
      assertThat(alert.status()).isEqualTo("firing");
      assertThat(alert.startsAt()).isEqualTo(AlertFixture.T0.plus(EVERY));
      assertThat(alert.labels()).containsEntry("service", "api").containsEntry("alertname", "errors")
          .containsEntry("severity", "critical");
    });
  }

  @Test
  void pendingFiresOnlyOnceTheConditionHeldForItsFor() {
    AlertRule rule = rule("errors", Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO);
    alerts.evaluate(rule, EVERY, row("api", 9));
    assertThat(alerts.state("errors", "api")).isEqualTo(AlertState.PENDING);
    alerts.evaluate(rule, EVERY, row("api", 9));
    assertThat(alerts.state("errors", "api")).isEqualTo(AlertState.PENDING);
    assertThat(alerts.notifier.notifications()).isEmpty();
    Evaluation firing = alerts.evaluate(rule, EVERY, row("api", 9));
    assertThat(alerts.state("errors", "api")).isEqualTo(AlertState.FIRING);
    assertThat(alerts.instance("errors", "api").orElseThrow().startsAt()).isEqualTo(firing.at());
    assertThat(alerts.notifier.notifications()).hasSize(1);
  }

  @Test
  void pendingThatStopsHoldingGoesBackToInactiveWithoutANotification() {
    AlertRule rule = rule("errors", Duration.ofMinutes(2), Duration.ZERO, Duration.ZERO);
    alerts.evaluate(rule, EVERY, row("api", 9));
    alerts.evaluate(rule, EVERY);
    assertThat(alerts.state("errors", "api")).isEqualTo(AlertState.INACTIVE);
    alerts.evaluate(rule, EVERY, row("api", 9)); // a new episode: its for starts again
    alerts.evaluate(rule, Duration.ofMinutes(1), row("api", 9));
    assertThat(alerts.state("errors", "api")).isEqualTo(AlertState.PENDING);
    assertThat(alerts.notifier.notifications()).isEmpty();
    assertThat(transitions()).containsExactly("inactive->pending", "pending->inactive", "inactive->pending");
  }

  @Test
  void keepFiringForHoldsAFiringInstanceThroughShortGaps() {
    AlertRule rule = rule("errors", Duration.ZERO, Duration.ofMinutes(2), Duration.ZERO);
    Evaluation first = alerts.evaluate(rule, EVERY, row("api", 9));
    alerts.evaluate(rule, EVERY); // flaps off
    alerts.evaluate(rule, EVERY, row("api", 9)); // and on again: the same episode
    alerts.evaluate(rule, EVERY);
    alerts.evaluate(rule, Duration.ofMinutes(1));
    assertThat(alerts.state("errors", "api")).isEqualTo(AlertState.FIRING);
    assertThat(alerts.instance("errors", "api").orElseThrow().startsAt()).isEqualTo(first.at());
    assertThat(alerts.notifier.notifications()).hasSize(1);
    Evaluation resolved = alerts.evaluate(rule, EVERY); // two minutes since last seen
    assertThat(alerts.state("errors", "api")).isEqualTo(AlertState.RESOLVED);
    assertThat(alerts.notifier.notifications()).hasSize(2);
    NotifiedAlert resolve = alerts.notifier.notifications().get(1).alerts().getFirst();
    assertThat(resolve.status()).isEqualTo("resolved");
    assertThat(resolve.startsAt()).isEqualTo(first.at());
    assertThat(resolve.endsAt()).isEqualTo(resolved.at());
    alerts.evaluate(rule, EVERY);
    assertThat(alerts.notifier.notifications()).as("a resolve is notified once").hasSize(2);
  }

  @Test
  void flappingWithoutHysteresisIsANewEpisodeEachTime() {
    AlertRule rule = rule("errors");
    Evaluation first = alerts.evaluate(rule, EVERY, row("api", 9));
    alerts.evaluate(rule, EVERY);
    Evaluation second = alerts.evaluate(rule, EVERY, row("api", 9));
    assertThat(alerts.instance("errors", "api").orElseThrow().startsAt()).isEqualTo(second.at()).isAfter(first.at());
    assertThat(alerts.notifier.notifications()).extracting(n -> n.alerts().getFirst().status())
        .containsExactly("firing", "resolved", "firing");
    assertThat(alerts.notifier.notifications()).extracting(n -> n.alerts().getFirst().dedupKey()).containsOnly(
        InstanceKey.of("errors", Map.of("service", "api")).dedupKey());
  }

  @Test
  void aStillFiringInstanceIsNotifiedAgainEveryRenotifyInterval() {
    AlertRule rule = rule("errors", Duration.ZERO, Duration.ZERO, Duration.ofMinutes(2));
    alerts.evaluate(rule, EVERY, row("api", 9));
    for (int i = 0; i < 8; i++) { // 4 minutes
      alerts.evaluate(rule, EVERY, row("api", 9));
    }
    assertThat(alerts.notifier.notifications()).hasSize(3); // at 0, 2 and 4 minutes
    assertThat(alerts.notifier.notifications()).allSatisfy(n -> assertThat(n.firing()).isTrue());
    assertThat(transitions()).containsExactly("inactive->firing"); // re-notifies are no transitions
  }

  @Test
  void aFailedEvaluationChangesNoState() throws Exception {
    AlertRule rule = rule("errors");
    alerts.evaluate(rule, EVERY, row("api", 9));
    Instant at = alerts.clock.advance(EVERY);
    alerts.service.accept(rule, new Evaluation("errors", at, at.minus(rule.window()), at, List.of(), 0, Double.NaN,
        false, Optional.of("timed out after 10s"), Duration.ofSeconds(10)));
    assertThat(alerts.state("errors", "api")).isEqualTo(AlertState.FIRING);
    assertThat(alerts.notifier.notifications()).hasSize(1);
    assertThat(alerts.historyWhere("outcome", "failed", 1)).singleElement().satisfies(event -> assertThat(event.get("error")).isEqualTo("timed out after 10s"));
  }

  @Test
  void aCappedEvaluationLeavesTheInstancesItDidNotSeeAsTheyAre() throws Exception {
    AlertRule rule = rule("errors");
    alerts.evaluate(rule, EVERY, row("api", 9), row("db", 9));
    Instant at = alerts.clock.advance(EVERY);
    alerts.service.accept(rule, new Evaluation("errors", at, at.minus(rule.window()), at, List.of(row("web", 9)),
        5000, 9, true, Optional.empty(), Duration.ofMillis(40)));
    assertThat(alerts.state("errors", "api")).isEqualTo(AlertState.FIRING);
    assertThat(alerts.state("errors", "db")).isEqualTo(AlertState.FIRING);
    assertThat(alerts.state("errors", "web")).isEqualTo(AlertState.FIRING);
    assertThat(alerts.historyWhere("outcome", "capped", 1)).hasSize(1);
    assertThat(alerts.service.stats().toString()).contains("capped=1");
  }

  @Test
  void oneEvaluationIsOneNotificationWithFiringFirst() {
    AlertRule rule = rule("errors");
    alerts.evaluate(rule, EVERY, row("checkout", 9));
    alerts.evaluate(rule, EVERY, row("api", 9), row("db", 7), row("api", 12)); // api twice: one instance
    List<Notification> sent = alerts.notifier.notifications();
    assertThat(sent).hasSize(2);
    Notification second = sent.get(1);
    assertThat(second.alerts()).extracting(NotifiedAlert::status).containsExactly("firing", "firing", "resolved");
    assertThat(second.alerts()).extracting(alert -> alert.group().get("service"))
        .containsExactly("api", "db", "checkout");
    assertThat(second.summary()).isEqualTo("errors firing for 2 groups (api, db); resolved for 1 group (checkout)");
    assertThat(second.alerts().getFirst().value()).isEqualTo(9); // the first row of a group counts
  }

  @Test
  void aDeletedOrDisabledRuleResolvesItsInstances() {
    AlertRule kept = rule("kept");
    AlertRule gone = rule("gone", Duration.ZERO, Duration.ofHours(1), Duration.ZERO);
    AlertRule pending = rule("slow", Duration.ofHours(1), Duration.ZERO, Duration.ZERO);
    alerts.evaluate(kept, EVERY, row("api", 9));
    alerts.evaluate(gone, Duration.ZERO, row("api", 9));
    alerts.evaluate(pending, Duration.ZERO, row("api", 9));
    alerts.notifier.clear();
    alerts.clock.advance(EVERY);
    alerts.service.rulesLoaded(List.of(kept));
    assertThat(alerts.state("kept", "api")).isEqualTo(AlertState.FIRING);
    assertThat(alerts.state("gone", "api")).isEqualTo(AlertState.RESOLVED);
    assertThat(alerts.state("slow", "api")).isEqualTo(AlertState.INACTIVE);
    assertThat(alerts.notifier.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.channels()).containsExactly("oncall");
      assertThat(sent.notification().summary()).isEqualTo("gone resolved for 1 group (api)");
    });
    alerts.service.rulesLoaded(List.of(kept));
    assertThat(alerts.notifier.sent()).as("retired once").hasSize(1);
    alerts.evaluate(kept, Duration.ofMinutes(61), row("api", 9)); // past the fixture's 1 h resolved retention
    assertThat(alerts.state("gone", "api")).isEqualTo(AlertState.INACTIVE);
    assertThat(alerts.service.stats().toString()).contains("rules=1");
  }

  @Test
  void aRestartKeepsTheStatesSoAFiringInstanceIsNeverNotifiedTwice() throws Exception {
    AlertRule rule = rule("errors", Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ZERO);
    Evaluation pending = alerts.evaluate(rule, EVERY, row("api", 9), row("db", 9));
    alerts.evaluate(rule, Duration.ofMinutes(1), row("api", 9), row("db", 9));
    assertThat(alerts.notifier.notifications()).hasSize(1);
    alerts.restart();
    alerts.evaluate(rule, EVERY, row("api", 9)); // db unseen: kept firing for keep_firing_for, across the restart
    assertThat(alerts.notifier.notifications()).hasSize(1);
    AlertInstance api = alerts.instance("errors", "api").orElseThrow();
    assertThat(api.activeAt()).isEqualTo(pending.at());
    assertThat(api.startsAt()).isEqualTo(pending.at().plus(Duration.ofMinutes(1)));
    assertThat(alerts.state("errors", "db")).isEqualTo(AlertState.FIRING);
    alerts.evaluate(rule, EVERY, row("api", 9));
    assertThat(alerts.state("errors", "db")).isEqualTo(AlertState.RESOLVED);
    alerts.restart();
    alerts.service.rulesLoaded(List.of(rule));
    alerts.evaluate(rule, EVERY, row("api", 9));
    assertThat(alerts.notifier.notifications()).extracting(Notification::summary)
        .containsExactly("errors firing for 2 groups (api, db)", "errors resolved for 1 group (db)");
  }

  @Test
  void everyEvaluationAndStateChangeIsAHistoryEvent() throws Exception {
    AlertRule rule = rule("errors", Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO);
    alerts.evaluate(rule, EVERY, row("api", 9));
    alerts.evaluate(rule, EVERY, row("api", 9.5));
    alerts.evaluate(rule, EVERY);
    alerts.historyWhere("logtype", "alert", 6);
    assertThat(alerts.history).extracting(event -> event.get("event")).containsExactly("evaluation", "transition",
        "evaluation", "transition", "evaluation", "transition");
    LogEvent firing = alerts.history.get(3);
    assertThat(firing.get("logtype")).isEqualTo("alert");
    assertThat(firing.service()).isEqualTo("corral-alerts");
    assertThat(firing.get("rule")).isEqualTo("errors");
    assertThat(firing.get("state")).isEqualTo("firing");
    assertThat(firing.get("previous_state")).isEqualTo("pending");
    assertThat(firing.get("group.service")).isEqualTo("api");
    assertThat(firing.get("value")).isEqualTo(9.5);
    assertThat(alerts.history.get(0).get("instances")).isEqualTo(1L);
  }

  @Test
  void theDedupKeyIsStablePerInstanceAndDiffersBetweenInstances() {
    String api = InstanceKey.of("errors", Map.of("service", "api", "region", "eu")).dedupKey();
    assertThat(InstanceKey.of("errors", Map.of("region", "eu", "service", "api")).dedupKey()).isEqualTo(api);
    assertThat(InstanceKey.of("errors", Map.of("service", "api")).dedupKey()).isNotEqualTo(api);
    assertThat(InstanceKey.of("other", Map.of("service", "api", "region", "eu")).dedupKey()).isNotEqualTo(api);
    assertThat(api).startsWith("corral-errors-").hasSize("corral-errors-".length() + 16);
  }

  @Test
  void linksOpenSearchWithTheQueryOverTheAlertsRangeAndTheWorstTrace() {
    AlertRule rule = rule("traces");
    Instant at = alerts.clock.advance(EVERY);
    alerts.service.accept(rule, new Evaluation("traces", at, at.minus(rule.window()), at, List.of(new Observation(
        Map.of("service", "api"), 3, Map.of("worst_trace", "abc 123"))), 1, 3, false, Optional.empty(), Duration.ZERO));
    NotifiedAlert alert = alerts.notifier.notifications().getFirst().alerts().getFirst();
    String range = "from=2026-12-05T09%3A58%3A30Z&to=2026-12-05T10%3A00%3A30Z";
    assertThat(alert.searchLink()).isEqualTo(AlertFixture.BASE_URL
        + "/#/search?q=*+%7C+stats+count%28%29+by+service&" + range);
    assertThat(alert.traceLink()).isEqualTo(AlertFixture.BASE_URL + "/#/trace/abc%20123?" + range);
    assertThat(alerts.notifier.notifications().getFirst().ruleLink()).isEqualTo(AlertFixture.BASE_URL
        + "/#/alerts?rule=traces");
  }

  private List<String> transitions() {
    awaitHistoryQuiet();
    return alerts.history.stream().filter(event -> "transition".equals(event.get("event")))
        .map(event -> event.get("previous_state") + "->" + event.get("state")).toList();
  }

  /** Closing the service drains the history queue; restart it so the test can go on. */
  private void awaitHistoryQuiet() {
    try {
      alerts.restart();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
