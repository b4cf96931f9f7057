package dev.corral.server.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reading one recording rule file: what a good rule gives, and every bad input refused with its field. */
class RuleReaderTest {
  @Test
  void aCounterRuleGivesItsByColumnsAsLabels() throws Exception {
    RecordingRule rule = RuleReader.read("errors.yaml", """
        name: corral_log_errors_total
        query: "level:ERROR | stats count() by service, host.name"
        type: counter
        every: 30s
        help: ERROR events by service
        """);
    assertThat(rule.name()).isEqualTo("corral_log_errors_total");
    assertThat(rule.type()).isEqualTo(MetricType.COUNTER);
    assertThat(rule.byColumns()).containsExactly("service", "host.name");
    assertThat(rule.labels()).as("a dot is no label character").containsExactly("service", "host_name");
    assertThat(rule.every()).isEqualTo(Duration.ofSeconds(30));
    assertThat(rule.window()).as("window defaults to every").isEqualTo(Duration.ofSeconds(30));
    assertThat(rule.help()).isEqualTo("ERROR events by service");
  }

  @Test
  void aGaugeRuleDefaultsItsTypeAndHelp() throws Exception {
    RecordingRule rule = RuleReader.read("p95.yaml", """
        name: checkout_latency_p95_ms
        query: "service:checkout | stats p95(duration_ms)"
        every: 1m
        window: 5m
        """);
    assertThat(rule.type()).isEqualTo(MetricType.GAUGE);
    assertThat(rule.labels()).isEmpty();
    assertThat(rule.window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(rule.help()).contains("service:checkout | stats p95(duration_ms)");
  }

  @Test
  void aBadMetricNameIsRefusedNamingIt() {
    assertRefused("name: 9errors\nquery: \"* | stats count()\"\nevery: 1m\n", "name",
        "'9errors' is not a Prometheus metric name");
    assertRefused("name: log-errors\nquery: \"* | stats count()\"\nevery: 1m\n", "name", "'log-errors'");
    assertRefused("name: corral_ingest_events_total\ntype: counter\nquery: \"* | stats count()\"\nevery: 1m\n", "name",
        "reserved");
    assertRefused("name: errors\ntype: counter\nquery: \"* | stats count()\"\nevery: 1m\n", "name",
        "must end in _total");
    assertRefused("name: errors_total\nquery: \"* | stats count()\"\nevery: 1m\n", "name",
        "is a gauge: its name must not end in _total");
    assertRefused("name: " + "a".repeat(RuleReader.MAX_NAME_LENGTH + 1) + "\nquery: \"* | stats count()\"\nevery: 1m\n",
        "name", "over the limit of " + RuleReader.MAX_NAME_LENGTH);
  }

  @Test
  void aQuerySyntaxErrorIsRefusedWithItsCaretLine() {
    InvalidRecordingRuleException e = refused("name: errors\nquery: \"level:(ERROR | stats count()\"\nevery: 1m\n");
    assertThat(e.field()).isEqualTo("query");
    assertThat(e.problem()).contains("at position").endsWith("level:(ERROR | stats count()\n"
        + " ".repeat(e.problem().split("\n")[2].indexOf('^')) + "^");
  }

  @Test
  void aQueryWithoutStatsIsRefused() {
    assertRefused("name: errors\nquery: \"level:ERROR\"\nevery: 1m\n", "query", "must aggregate with stats");
    assertRefused("name: errors\nquery: \"* | top 5 service\"\nevery: 1m\n", "query", "must aggregate with stats");
  }

  @Test
  void zeroNegativeOrMissingDurationsAreRefused() {
    assertRefused("name: errors\nquery: \"* | stats count()\"\nevery: 0s\n", "every", "is outside 1s..1d");
    assertRefused("name: errors\nquery: \"* | stats count()\"\nevery: 0\n", "every", "not a duration");
    assertRefused("name: errors\nquery: \"* | stats count()\"\nevery: -5m\n", "every", "not a duration");
    assertRefused("name: errors\nquery: \"* | stats count()\"\n", "every", "is required");
    assertRefused("name: errors\nquery: \"* | stats count()\"\nevery: 1m\nwindow: 0s\n", "window", "is outside");
    assertRefused("name: errors\nquery: \"* | stats count()\"\nevery: 1m\nwindow: 30d\n", "window", "is outside");
  }

  @Test
  void unknownKeysWrongTypesAndNonMappingsAreRefused() {
    assertRefused("name: errors\nquery: \"* | stats count()\"\nevry: 1m\n", "evry", "unknown key");
    assertRefused("name: errors\nquery: \"* | stats count()\"\nevery: 1m\ntype: histogram\n", "type",
        "'histogram' is not gauge or counter");
    assertRefused("name: [a, b]\nquery: \"* | stats count()\"\nevery: 1m\n", "name", "must be a single value");
    assertRefused("- just a list\n", "", "must be a YAML mapping");
    assertRefused("name: \"unclosed\n", "", "not valid YAML at line");
  }

  @Test
  void byColumnsThatWouldCollideAsLabelsAreRefused() {
    assertRefused("name: errors\nquery: \"* | stats count() by host.name, host_name\"\nevery: 1m\n", "query",
        "would both be the label 'host_name'");
  }

  private static void assertRefused(String text, String field, String problem) {
    InvalidRecordingRuleException e = refused(text);
    assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
    assertThat(e.problem()).contains(problem);
    assertThat(e.getMessage()).startsWith("recording rule bad.yaml");
  }

  private static InvalidRecordingRuleException refused(String text) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> RuleReader.read("bad.yaml", text));
    assertThat(thrown).isInstanceOf(InvalidRecordingRuleException.class);
    return (InvalidRecordingRuleException) thrown;
  }
}
