package dev.corral.query.agg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.query.plan.AggFunction;
import dev.corral.query.plan.Aggregation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CappedGroupsTest {
  @Test
  void keepsTheSmallestKeysWhateverTheArrivalOrder() {
    long seed = new Random().nextLong();
    System.out.println("CappedGroupsTest seed=" + seed);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      keys.add("k" + (char) ('a' + i % 26) + i);
    }
    keys.add(null);
    Collections.shuffle(keys, new Random(seed));
    CappedGroups groups = new CappedGroups(List.of(new Aggregation(AggFunction.COUNT, null, Double.NaN, "n")), 5);
    for (String key : keys) {
      groups.accumulators(new GroupKey(Arrays.asList(key)))[0].addEvent();
    }
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort(GroupKey::compareValues);
    assertThat(groups.groups().keySet()).extracting(k -> k.values().get(0))
        .as("seed %s", seed).containsExactlyElementsOf(sorted.subList(0, 5));
    assertThat(groups.otherGroup()[0].result()).isEqualTo(46L);
  }
}
