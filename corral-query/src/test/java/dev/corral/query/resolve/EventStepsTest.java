package dev.corral.query.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.query.plan.CompareOp;
import dev.corral.query.plan.Pipe;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.query.plan.SortKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event-stage rules both back ends take from {@link EventSteps}. */
class EventStepsTest {
  private static EventSteps steps(String query, boolean aggregationFollows) {
    List<Pipe> pipes = QueryPlanParser.parse(query).pipes();
    return EventSteps.resolve(aggregationFollows ? pipes.subList(0, pipes.size() - 1) : pipes, aggregationFollows);
  }

  @Test
  void aHeadBeforeAWhereOrSortKeepsItsEventsAndTrailingHeadsOnlyCap() {
    EventSteps steps = steps("* | head 10 | head 7 | where status >= 500 | sort -duration | head 3 | head 5", false);
    assertThat(steps.steps()).containsExactly(new EventStep.Head(7),
        new EventStep.Where(TypedField.of("status"), CompareOp.GE, WhereValue.of("500")),
        new EventStep.Sort(List.of(new SortKey("duration", true))));
    assertThat(steps.limit()).isEqualTo(3);
  }

  @Test
  void aHeadBeforeTheAggregationKeepsItsEvents() {
    EventSteps steps = steps("* | head 4 | stats count()", true);
    assertThat(steps.steps()).containsExactly(new EventStep.Head(4));
    assertThat(steps.limit()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void hiddenFieldsKeepNothingAndOrderNothing() {
    EventSteps steps = steps("* | fields service | where message = x | sort -message, service", false);
    assertThat(steps.steps()).containsExactly(new EventStep.Where(null, CompareOp.EQ, WhereValue.of("x")),
        new EventStep.Sort(List.of(new SortKey("service", false))));
    assertThat(steps.visible().columns()).containsExactly("service");
  }

  @Test
  void visibleFullTextFieldsAreRefused() {
    assertThatThrownBy(() -> steps("* | where MESSAGE = x", false)).hasMessageContaining("where cannot compare message");
    assertThatThrownBy(() -> steps("* | sort message", false)).hasMessageContaining("cannot sort by message");
  }

  @Test
  void whereValuesAreReadOnce() {
    assertThat(WhereValue.of("42").number()).isEqualTo(42L);
    assertThat(WhereValue.of("-1.5").number()).isEqualTo(-1.5);
    assertThat(WhereValue.of("abc").number()).isNull();
    assertThat(WhereValue.of("1970-01-01T00:00:01Z").timeNanos()).isEqualTo(1_000_000_000L);
    assertThat(WhereValue.of("now-1h").timeNanos()).isNull();
  }
}
