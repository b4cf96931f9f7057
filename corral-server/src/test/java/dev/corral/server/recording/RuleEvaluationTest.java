package dev.corral.server.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.query.table.Column;
import dev.corral.query.table.ColumnType;
import dev.corral.query.table.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * One evaluation at a time on a fake clock with a stand-in query: which window each reads, what the
 * series become, which rows are skipped, the series cap.
 */
class RuleEvaluationTest {
  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
  private static final Duration LAG = Duration.ofSeconds(2);
  private final List<RuleStatus.Window> windows = new ArrayList<>();
  private final AtomicReference<Table> answer = new AtomicReference<>();

  private final WindowQuery query = (plan, from, to) -> {
    windows.add(new RuleStatus.Window(from, to));
    return answer.get();
  };

  @Test
  void aCountersWindowsTileTimeAndItsValuesAccumulate() throws Exception {
    RuleState state = new RuleState(rule("counter", "1m", "5m"), 100);
    answer.set(table(row("payment", 3L), row("auth", 1L)));
    run(state, T0);
    answer.set(table(row("payment", 2L)));
    run(state, T0.plusSeconds(60));
    run(state, T0.plusSeconds(150)); // a late turn reads everything since the last window: no gap

    assertThat(windows).containsExactly(
        new RuleStatus.Window(T0.minus(LAG).minusSeconds(300), T0.minus(LAG)),
        new RuleStatus.Window(T0.minus(LAG), T0.minus(LAG).plusSeconds(60)),
        new RuleStatus.Window(T0.minus(LAG).plusSeconds(60), T0.minus(LAG).plusSeconds(150)));
    assertThat(state.status().series()).containsExactly(Map.entry(List.of("payment"), 7.0),
        Map.entry(List.of("auth"), 1.0));
  }

  @Test
  void aFailedCounterWindowIsReadAgainByTheNextEvaluation() throws Exception {
    RuleState state = new RuleState(rule("counter", "1m", "1m"), 100);
    answer.set(table(row("payment", 1L)));
    run(state, T0);
    WindowQuery failing = (plan, from, to) -> {
      windows.add(new RuleStatus.Window(from, to));
      throw new java.io.IOException("lanes full");
    };
    RuleEvaluation.run(state, failing, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC), T0.plusSeconds(60).minus(LAG),
        Duration.ofSeconds(30));
    assertThat(state.status().lastError()).isEqualTo("lanes full");
    assertThat(state.status().failures()).isEqualTo(1);
    run(state, T0.plusSeconds(120));

    assertThat(windows.get(2)).as("the failed minute and this one")
        .isEqualTo(new RuleStatus.Window(T0.minus(LAG), T0.minus(LAG).plusSeconds(120)));
    assertThat(state.status().series()).containsEntry(List.of("payment"), 2.0);
    assertThat(state.status().lastError()).isNull();
  }

  @Test
  void aGaugeReadsItsWholeWindowAndForgetsGroupsItNoLongerSees() throws Exception {
    RuleState state = new RuleState(rule("gauge", "1m", "5m"), 100);
    answer.set(table(row("payment", 3L), row("auth", 1L)));
    run(state, T0);
    answer.set(table(row("payment", 2L)));
    run(state, T0.plusSeconds(60));

    assertThat(windows.get(1)).isEqualTo(new RuleStatus.Window(T0.minus(LAG).minusSeconds(240),
        T0.minus(LAG).plusSeconds(60)));
    assertThat(state.status().series()).containsExactly(Map.entry(List.of("payment"), 2.0));
  }

  @Test
  void rowsThatAreNoSampleAreSkippedAndCounted() throws Exception {
    RuleState state = new RuleState(rule("gauge", "1m", "5m"), 100);
    answer.set(new Table(List.of(new Column("service", ColumnType.STRING), new Column("v", ColumnType.DOUBLE)),
        List.of(row("payment", 1.5), row("text", "12"), row("none", null), row("nan", Double.NaN),
            row("inf", Double.POSITIVE_INFINITY), row(null, 4.0), row(Table.OTHER, 9.0)), true, true));
    run(state, T0);

    assertThat(state.status().series()).containsExactly(Map.entry(List.of("payment"), 1.5),
        Map.entry(List.of(""), 4.0));
    assertThat(state.status().skippedRows()).isEqualTo(5);
  }

  @Test
  void seriesBeyondTheCapAreDroppedAndSaid() throws Exception {
    RuleState gauge = new RuleState(rule("gauge", "1m", "5m"), 2);
    answer.set(table(row("a", 1L), row("b", 5L), row("c", 3L)));
    run(gauge, T0);
    assertThat(gauge.status().series()).as("a gauge keeps its highest values")
        .containsOnlyKeys(List.of("b"), List.of("c"));
    assertThat(gauge.status().droppedSeries()).isEqualTo(1);

    RuleState counter = new RuleState(rule("counter", "1m", "5m"), 2);
    answer.set(table(row("a", 1L), row("b", 5L)));
    run(counter, T0);
    answer.set(table(row("c", 9L), row("a", 1L)));
    run(counter, T0.plusSeconds(60));
    assertThat(counter.status().series()).as("a counter keeps the series it saw first")
        .containsExactly(Map.entry(List.of("a"), 2.0), Map.entry(List.of("b"), 5.0));
    assertThat(counter.status().droppedSeries()).isEqualTo(1);
  }

  @Test
  void aResultWithSeveralValueColumnsNeedsTheRuleToNameOne() throws Exception {
    RuleState state = new RuleState(rule("gauge", "1m", "5m"), 100);
    answer.set(new Table(List.of(new Column("service", ColumnType.STRING), new Column("total", ColumnType.LONG),
        new Column("errors", ColumnType.LONG)), List.of(row("payment", 10L, 1L)), false, false));
    run(state, T0);
    assertThat(state.status().lastError()).contains("[service, total, errors]").contains("value:");
    assertThat(state.status().lastWindow()).isNull();
  }

  private void run(RuleState state, Instant now) {
    RuleEvaluation.run(state, query, Clock.fixed(now, ZoneOffset.UTC), now.minus(LAG), Duration.ofSeconds(30));
  }

  private static RecordingRule rule(String type, String every, String window) throws Exception {
    String name = type.equals("counter") ? "errors_total" : "errors";
    return RuleReader.read(name + ".yaml", "name: " + name + "\ntype: " + type + "\nquery: \"level:ERROR | stats "
        + "count() by service\"\nevery: " + every + "\nwindow: " + window + "\n");
  }

  private static Table table(List<Object>... rows) {
    return new Table(List.of(new Column("service", ColumnType.STRING), new Column("count", ColumnType.LONG)),
        List.of(rows), false, false);
  }

  private static List<Object> row(Object... cells) {
    return Arrays.asList(cells);
  }
}
