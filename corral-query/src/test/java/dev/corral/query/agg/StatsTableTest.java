package dev.corral.query.agg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.query.plan.AggFunction;
import dev.corral.query.plan.Aggregation;
import dev.corral.query.table.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The group cap and row order that both back ends get from {@link StatsTable} and {@link GroupCap}. */
class StatsTableTest {
  private static final List<Aggregation> COUNT = List.of(new Aggregation(AggFunction.COUNT, null, Double.NaN, "n"));

  @Test
  void keepsTheGroupsWithTheMostEventsWhateverTheArrivalOrder() {
    long seed = Long.getLong("tests.seed", new Random().nextLong());
    System.out.println("StatsTableTest seed=" + seed);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      for (int n = 0; n <= i % 7; n++) {
        events.add("k" + (char) ('a' + i));
      }
    }
    for (int n = 0; n < 6; n++) {
      events.add(null); // 6 events, as many as kf, km and kt: null loses the tie
    }
    Collections.shuffle(events, new Random(seed));
    GroupTable groups = new GroupTable(COUNT, Long.MAX_VALUE, 0);
    for (String key : events) {
      Group group = groups.group(GroupKey.of(0, key));
      group.countEvent();
      group.accumulator(0).addEvent();
    }
    Table table = StatsTable.build(groups, List.of("k"), false, 4);
    // 7 events: kg, kn; 6 events: kf, km, kt and null, of which kf and km win the tie
    assertThat(table.rows()).as("seed %s", seed).extracting(row -> row.get(0))
        .containsExactly("kf", "kg", "km", "kn", Table.OTHER);
    assertThat(table.rows().get(4).get(1)).isEqualTo((long) events.size() - 26);
    assertThat(table.otherRow()).isTrue();
    assertThat(table.truncated()).isTrue();
  }

  @Test
  void breaksTiesByValueAscendingWithNullsLast() {
    Map<List<String>, Long> counts = new HashMap<>();
    counts.put(Collections.singletonList(null), 3L);
    counts.put(List.of("b"), 3L);
    counts.put(List.of("a"), 1L);
    counts.put(List.of("c"), 3L);
    assertThat(GroupCap.kept(counts, 2)).containsExactlyInAnyOrder(List.of("b"), List.of("c"));
    assertThat(GroupCap.kept(counts, 4)).isNull();
  }

  @Test
  void statsWithoutByHasOneRowEvenOverNoEvents() {
    Table table = StatsTable.build(new GroupTable(COUNT, Long.MAX_VALUE, 0), List.of(), false, 3);
    assertThat(table.rows()).containsExactly(List.of(0L));
    assertThat(table.otherRow()).isFalse();
  }

  @Test
  void aTimechartFoldsOtherSeriesPerBucketAfterTheKeptOnes() {
    GroupTable groups = new GroupTable(COUNT, Long.MAX_VALUE, 0);
    String[][] events = {{"a", "0"}, {"a", "0"}, {"b", "0"}, {"c", "10"}, {"a", "10"}};
    for (String[] event : events) {
      Group group = groups.group(GroupKey.of(Long.parseLong(event[1]), event[0]));
      group.countEvent();
      group.accumulator(0).addEvent();
    }
    Table table = StatsTable.build(groups, List.of("s"), true, 1);
    assertThat(table.rows()).containsExactly(List.of(0L, "a", 2L), List.of(0L, Table.OTHER, 1L),
        List.of(10L, "a", 1L), List.of(10L, Table.OTHER, 1L));
    assertThat(table.truncated()).isTrue();
    assertThat(table.otherRow()).isFalse();
  }

  @Test
  void theStatsCapLeavesARowForOther() {
    assertThat(GroupCap.statsCap(10_000, 10_000)).isEqualTo(9_999);
    assertThat(GroupCap.statsCap(8, 4)).isEqualTo(3);
    assertThat(GroupCap.statsCap(3, 10_000)).isEqualTo(3);
    assertThat(GroupCap.statsCap(5, 1)).isEqualTo(1);
  }
}
