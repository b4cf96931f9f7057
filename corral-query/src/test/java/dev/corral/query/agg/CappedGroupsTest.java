package dev.corral.query.agg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.query.plan.AggFunction;
import dev.corral.query.plan.Aggregation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CappedGroupsTest {
  private static final List<Aggregation> COUNT = List.of(new Aggregation(AggFunction.COUNT, null, Double.NaN, "n"));

  @Test
  void keepsTheGroupsWithTheMostEventsWhateverTheArrivalOrder() {
    long seed = Long.getLong("tests.seed", new Random().nextLong());
    System.out.println("CappedGroupsTest seed=" + seed);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      for (int n = 0; n <= i % 7; n++) {
        events.add("k" + (char) ('a' + i));
      }
    }
    for (int n = 0; n < 6; n++) {
      events.add(null); // 6 events, as many as kg and kn: null loses the tie
    }
    Collections.shuffle(events, new Random(seed));
    CappedGroups groups = new CappedGroups(COUNT, 4);
    for (String key : events) {
      groups.accumulators(new GroupKey(Arrays.asList(key)))[0].addEvent();
    }
    // 7 events: kg, kn; 6 events: kf, km, kt and null, of which kf and km win the tie
    assertThat(groups.groups().keySet()).as("seed %s", seed).extracting(k -> k.values().get(0))
        .containsExactly("kf", "kg", "km", "kn");
    assertThat(groups.otherGroup()[0].result()).isEqualTo((long) events.size() - 26);
  }

  @Test
  void breaksTiesByValueAscendingWithNullsLast() {
    Map<String, Long> counts = new java.util.HashMap<>();
    counts.put(null, 3L);
    counts.put("b", 3L);
    counts.put("a", 1L);
    counts.put("c", 3L);
    assertThat(CappedGroups.kept(counts, 2, GroupKey::compareValues)).containsExactlyInAnyOrder("b", "c");
    assertThat(CappedGroups.kept(counts, 4, GroupKey::compareValues)).isNull();
  }

  @Test
  void withinTheCapEveryGroupStaysWithoutOther() {
    CappedGroups groups = new CappedGroups(COUNT, 3);
    groups.touch(GroupKey.NONE);
    assertThat(groups.groups()).hasSize(1);
    assertThat(groups.otherGroup()).isNull();
  }

  @Test
  void theStatsCapLeavesARowForOther() {
    assertThat(CappedGroups.statsCap(10_000, 10_000)).isEqualTo(9_999);
    assertThat(CappedGroups.statsCap(8, 4)).isEqualTo(3);
    assertThat(CappedGroups.statsCap(3, 10_000)).isEqualTo(3);
    assertThat(CappedGroups.statsCap(5, 1)).isEqualTo(1);
  }
}
