package dev.corral.server.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.alerts.Notification;
import dev.corral.server.alerts.NotifiedAlert;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The messages' rules that the end-to-end tests do not reach: grouping, limits, escaping, mappings. */
class ChannelMessagesTest {
  private static Notification of(String rule, String severity, List<NotifiedAlert> alerts) {
    return new Notification(rule, severity, rule + " summary", "", "", Map.of("severity", severity), alerts, null,
        Notifications.STARTED, false);
  }

  @Test
  void aSummaryKeepsEachInstanceOnceInItsLatestStateFiringFirst() {
    Notification trigger = Notifications.errorSpike("payment-gateway", 7.5, true);
    Notification other = Notifications.errorSpike("user-auth", 9, true);
    Notification resolve = Notifications.errorSpike("payment-gateway", 1, false);
    Notification summary = NotificationGroup.summary("oncall", List.of(trigger, other, resolve));
    assertThat(summary.rule()).isEqualTo("error_spike");
    assertThat(summary.alerts()).extracting(NotifiedAlert::dedupKey, NotifiedAlert::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple("error_spike/service=user-auth", "firing"),
        org.assertj.core.groups.Tuple.tuple("error_spike/service=payment-gateway", "resolved"));
    assertThat(summary.summary()).isEqualTo("3 notifications grouped by the rate limit of channel oncall:"
        + " error_spike (3); 1 alerts firing, 1 resolved");
    assertThat(summary.alerts()).allSatisfy(alert -> assertThat(alert.labels()).containsEntry("alertname",
        "error_spike"));
  }

  @Test
  void aSummaryOfSeveralRulesTakesTheHighestSeverityAndLabelsEachAlertWithItsRule() {
    Notification warning = of("slow_checkout", "warning", List.of(Notifications.alert("checkout", 3, true)));
    Notification critical = of("oom", "critical", List.of(new NotifiedAlert(Map.of(), Map.of(), "firing", 1,
        Notifications.STARTED, null, "oom/", null, null, Map.of())));
    Notification summary = NotificationGroup.summary("pager", List.of(warning, critical));
    assertThat(summary.rule()).isEqualTo("grouped");
    assertThat(summary.severity()).isEqualTo("critical");
    assertThat(summary.alerts()).extracting(alert -> alert.labels().get("alertname"))
        .containsExactly("slow_checkout", "oom");
    assertThat(AlertmanagerAlerts.alerts(summary)).extracting(alert -> String.valueOf(((Map<?, ?>) alert.get("labels"))
        .get("alertname"))).containsExactly("slow_checkout", "oom");
  }

  @Test
  void slackKeepsToItsBlockLimitsAndEscapesEventText() {
    List<NotifiedAlert> alerts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      alerts.add(new NotifiedAlert(Map.of("service", "<!channel> svc-" + i), Map.of(), "firing", i,
          Notifications.STARTED, null, "k" + i, "javascript:alert(1)", null, Map.of()));
    }
    Map<String, Object> message = SlackBlocks.message(of("x".repeat(400), "critical", alerts));
    List<?> blocks = (List<?>) message.get("blocks");
    assertThat(blocks.size()).isLessThanOrEqualTo(50);
    String json = new String(JsonBodies.bytes(message));
    assertThat(json).contains("and 30 more alerts").doesNotContain("<!channel>").contains("&lt;!channel&gt;")
        .doesNotContain("javascript:");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, String>> header = (Map<String, Map<String, String>>) blocks.getFirst();
    assertThat(header.get("text").get("text")).hasSize(SlackBlocks.MAX_HEADER).endsWith("…");
  }

  @Test
  void pagerDutySeverityFollowsTheMapThenPagerDutysWordsThenAliases() {
    ChannelConfig.PagerDuty channel = new ChannelConfig.PagerDuty("pd", URI.create(PagerDutyEvents.DEFAULT_URL),
        "key", Map.of("sev1", "critical"));
    assertThat(PagerDutyEvents.severity("sev1", channel)).isEqualTo("critical");
    assertThat(PagerDutyEvents.severity("Error", channel)).isEqualTo("error");
    assertThat(PagerDutyEvents.severity("page", channel)).isEqualTo("critical");
    assertThat(PagerDutyEvents.severity("low", channel)).isEqualTo("info");
    assertThat(PagerDutyEvents.severity("whatever", channel)).isEqualTo("warning");
  }

  @Test
  void alertmanagerLabelNamesAreMadeValid() {
    assertThat(AlertmanagerAlerts.labelName("k8s.namespace")).isEqualTo("k8s_namespace");
    assertThat(AlertmanagerAlerts.labelName("1st")).isEqualTo("_1st");
    assertThat(AlertmanagerAlerts.labelName("service")).isEqualTo("service");
  }

  @Test
  void emailEscapesHtmlAndKeepsTheSubjectOneLine() {
    Notification notification = new Notification("r", "critical", "two\nlines <b>", "<script>x</script>", "", Map.of(),
        List.of(Notifications.alert("a&b", 1, true)), null, Notifications.STARTED, false);
    assertThat(EmailMessage.subject(notification)).doesNotContain("\n").isEqualTo("[FIRING] r (critical): two lines <b>");
    assertThat(EmailMessage.html(notification)).doesNotContain("<script>").contains("&lt;script&gt;")
        .contains("service=a&amp;b");
  }
}
