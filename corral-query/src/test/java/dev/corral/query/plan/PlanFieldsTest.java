package dev.corral.query.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlanFieldsTest {
  @Test
  void collectsFilterFieldsAndEventStageFieldsButNotTableColumns() {
    QueryPlan plan = QueryPlanParser.parse(
        "service:api AND NOT http.status_code:[500 TO 599] OR trace_id:* timeout | where performance.duration_ms > 10 "
            + "| stats count(), p95(performance.duration_ms) by host | sort -count() | where count() > 2");
    assertThat(PlanFields.referenced(plan))
        .containsExactly("service", "http.status_code", "trace_id", "performance.duration_ms", "host");
  }

  @Test
  void freeTextAndMatchAllNameNoField() {
    assertThat(PlanFields.referenced(QueryPlanParser.parse("\"card declined\" timeout"))).isEmpty();
    assertThat(PlanFields.referenced(QueryPlanParser.parse("* | top 5 http.uri"))).containsExactly("http.uri");
  }
}
