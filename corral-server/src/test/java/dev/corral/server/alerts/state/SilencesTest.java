package dev.corral.server.alerts.state;

import static dev.corral.server.alerts.state.AlertFixture.row;
import static dev.corral.server.alerts.state.AlertFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.alerts.AlertRule;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Matchers, silences and maintenance windows: what they cover, what they refuse, what they hold back. */
class SilencesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration EVERY = Duration.ofSeconds(30);
  @TempDir
  Path directory;

  @Test
  void matchersCompareLabelsAsAlertmanagerDoes() throws Exception {
    Map<String, String> labels = Map.of("service", "payment-gateway", "severity", "critical");
    assertThat(LabelMatcher.of("m", "service", "=", "payment-gateway").matches(labels)).isTrue();
    assertThat(LabelMatcher.of("m", "service", "!=", "payment-gateway").matches(labels)).isFalse();
    assertThat(LabelMatcher.of("m", "service", "=~", "payment-.*").matches(labels)).isTrue();
    assertThat(LabelMatcher.of("m", "service", "=~", "payment").matches(labels)).as("whole value").isFalse();
    assertThat(LabelMatcher.of("m", "service", "!~", "user-.*").matches(labels)).isTrue();
    assertThat(LabelMatcher.of("m", "region", "=", "").matches(labels)).as("a missing label is empty").isTrue();
  }

  @Test
  void badMatchersAndRegexesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> LabelMatcher.of("matchers[0]", "service", "==", "x"))
        .isInstanceOf(InvalidSilenceException.class).hasMessageContaining("matchers[0].op")
        .hasMessageContaining("'=='");
    assertThatThrownBy(() -> LabelMatcher.of("matchers[1]", " ", "=", "x"))
        .hasMessageContaining("matchers[1].name");
    assertThatThrownBy(() -> LabelMatcher.of("matchers[0]", "service", "=~", "payment-(["))
        .isInstanceOf(InvalidSilenceException.class).hasMessageContaining("matchers[0].value")
        .hasMessageContaining("is invalid");
    assertThatThrownBy(() -> LabelMatcher.of("matchers[0]", "service", "=~", "[ab]*a[ab]{40}"))
        .isInstanceOf(InvalidSilenceException.class).hasMessageContaining("too complex");
    assertThatThrownBy(() -> LabelMatcher.of("matchers[0]", "service", "=", "x".repeat(2000)))
        .hasMessageContaining("2000 characters, more than the limit of 1024");
  }

  @Test
  void aRequestNeedsMatchersAndAnExpiryInTheFuture() throws Exception {
    Instant now = AlertFixture.T0;
    assertThatThrownBy(() -> parse("{\"matchers\": [], \"duration\": \"1h\"}", now)).hasMessageStartingWith("matchers:");
    assertThatThrownBy(() -> parse("{\"matchers\": [{\"name\": \"a\", \"value\": \"b\"}]}", now))
        .hasMessageStartingWith("ends_at:");
    assertThatThrownBy(() -> parse("{\"matchers\": [{\"name\": \"a\", \"value\": \"b\"}], "
        + "\"ends_at\": \"2026-12-05T09:00:00Z\"}", now)).hasMessageContaining("not in the future");
    assertThatThrownBy(() -> parse("{\"matchers\": [{\"name\": \"a\", \"value\": \"b\"}], \"duration\": \"-5m\"}",
        now)).hasMessageStartingWith("duration:");
    assertThatThrownBy(() -> parse("{\"matchers\": [{\"name\": \"a\", \"value\": \"b\"}], \"duration\": \"1h\", "
        + "\"recurrence\": {\"days\": [\"someday\"], \"start\": \"22:00\", \"length\": \"4h\"}}", now))
        .hasMessageContaining("'someday' is not a day");
    Silence silence = parse("{\"matchers\": [{\"name\": \"service\", \"op\": \"=~\", \"value\": \"pay.*\"}], "
        + "\"duration\": \"2h\", \"comment\": \"deploy\"}", now);
    assertThat(silence.endsAt()).isEqualTo(now.plus(Duration.ofHours(2)));
    assertThat(silence.kind()).isEqualTo("silence");
    assertThat(SilenceJson.parseStored(JSON.valueToTree(SilenceJson.toMap(silence)))).isEqualTo(silence);
  }

  @Test
  void aWeeklyMaintenanceWindowCoversItsSlotsAcrossMidnight() {
    Recurrence saturdayNight = new Recurrence(Set.of(DayOfWeek.SATURDAY), LocalTime.of(22, 0), Duration.ofHours(4),
        ZoneId.of("Europe/Paris"));
    assertThat(saturdayNight.covers(Instant.parse("2026-12-05T21:00:00Z"))).isTrue(); // Sat 22:00 Paris
    assertThat(saturdayNight.covers(Instant.parse("2026-12-06T00:30:00Z"))).isTrue(); // Sun 01:30 Paris
    assertThat(saturdayNight.covers(Instant.parse("2026-12-06T01:00:00Z"))).isFalse(); // Sun 02:00: ended
    assertThat(saturdayNight.covers(Instant.parse("2026-12-05T20:59:59Z"))).isFalse();
    assertThat(saturdayNight.covers(Instant.parse("2026-12-12T21:30:00Z"))).isTrue(); // the next Saturday
  }

  @Test
  void aSilencedInstanceChangesStateButIsNotifiedOnlyOnceTheSilenceIsGone() throws Exception {
    try (AlertFixture alerts = new AlertFixture(directory)) {
      Silences silences = silencesOf(alerts);
      Silence silence = parse("{\"matchers\": [{\"name\": \"service\", \"op\": \"=~\", \"value\": \"pay.*\"}], "
          + "\"duration\": \"1h\"}", alerts.clock.instant());
      silences.add(silence, alerts.clock.instant());
      AlertRule rule = rule("errors");
      alerts.evaluate(rule, EVERY, row("payments", 9), row("api", 9));
      assertThat(alerts.state("errors", "payments")).isEqualTo(AlertState.FIRING);
      assertThat(alerts.notifier.notifications()).singleElement()
          .satisfies(n -> assertThat(n.summary()).isEqualTo("errors firing for 1 group (api)"));
      alerts.evaluate(rule, EVERY, row("payments", 9), row("api", 9));
      assertThat(alerts.notifier.notifications()).hasSize(1);
      silences.delete(silence.id());
      alerts.evaluate(rule, EVERY, row("payments", 9), row("api", 9));
      assertThat(alerts.notifier.notifications()).hasSize(2);
      assertThat(alerts.notifier.notifications().get(1).summary()).isEqualTo("errors firing for 1 group (payments)");
      assertThat(alerts.service.stats().toString()).contains("instances_silenced=2");
      silences.add(parse("{\"matchers\": [{\"name\": \"service\", \"value\": \"payments\"}], "
          + "\"duration\": \"1h\"}", alerts.clock.instant()), alerts.clock.instant());
      alerts.evaluate(rule, EVERY, row("api", 9));
      assertThat(alerts.notifier.notifications()).as("a notified episode's resolve goes out, silenced or not")
          .hasSize(3);
      assertThat(alerts.notifier.notifications().get(2).summary()).isEqualTo("errors resolved for 1 group (payments)");
    }
  }

  @Test
  void silencesAreKeptAcrossARestart() throws Exception {
    try (AlertFixture alerts = new AlertFixture(directory)) {
      Silence silence = parse("{\"matchers\": [{\"name\": \"alertname\", \"value\": \"errors\"}], "
          + "\"duration\": \"1h\", \"recurrence\": {\"days\": [\"sat\"], \"start\": \"09:00\", "
          + "\"length\": \"2h\", \"zone\": \"UTC\"}}", alerts.clock.instant());
      silencesOf(alerts).add(silence, alerts.clock.instant());
      alerts.restart();
      assertThat(silencesOf(alerts).list(alerts.clock.instant())).containsExactly(silence);
      alerts.evaluate(rule("errors"), EVERY, row("api", 9)); // Saturday 10:00:30 UTC: inside the window
      assertThat(alerts.state("errors", "api")).isEqualTo(AlertState.FIRING);
      assertThat(alerts.notifier.notifications()).isEmpty();
      assertThat(silence.kind()).isEqualTo("maintenance");
    }
  }

  private static Silence parse(String json, Instant now) throws Exception {
    JsonNode node = JSON.readTree(json);
    return SilenceJson.parseRequest(node, "s1", "tester", now);
  }

  /** The service's silences, through the same file a restart reads. */
  private static Silences silencesOf(AlertFixture alerts) {
    return alerts.service.silences();
  }
}
