package dev.corral.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IncidentScheduleTest {
  private static final Instant START = Instant.parse("2026-11-21T17:00:00Z");
  private static final int HOURS = 3;

  @Test
  void paymentOutagesStartAtOnceThenRecurEveryTenMinutesForAMinuteOrSo() {
    for (long seed : new long[] {0, 1, 42, -7}) {
      IncidentSchedule schedule = new IncidentSchedule(seed, START);
      List<int[]> outages = runs(s -> schedule.paymentOutage(START.plusSeconds(s)));
      assertThat(outages.get(0)[0]).as("seed %d", seed).isEqualTo((int) IncidentSchedule.FIRST_PAYMENT_OUTAGE_S);
      assertThat(outages).hasSize(HOURS * 6);
      assertThat(outages).allSatisfy(o -> assertThat(o[1] - o[0]).isBetween(60, 90));
    }
  }

  @Test
  void databasesSlowDownForTwoToThreeMinutesAndTakeTurns() {
    IncidentSchedule schedule = new IncidentSchedule(42, START);
    List<int[]> slow = runs(s -> schedule.slowDatabase(START.plusSeconds(s)) != null);
    assertThat(slow.get(0)[0]).isEqualTo((int) IncidentSchedule.FIRST_SLOW_DB_S);
    assertThat(slow).hasSizeGreaterThanOrEqualTo(HOURS * 3600 / (int) IncidentSchedule.SLOW_DB_PERIOD_S - 1);
    assertThat(slow).allSatisfy(o -> assertThat(o[1] - o[0]).isBetween(120, 180));
    Set<String> services = new HashSet<>();
    for (int[] run : slow) {
      services.add(schedule.slowDatabase(START.plusSeconds(run[0])));
    }
    assertThat(services).containsExactlyInAnyOrder("inventory", "order-service");
  }

  @Test
  void nothingHappensBeforeTheStart() {
    IncidentSchedule schedule = new IncidentSchedule(1, START);
    assertThat(schedule.paymentOutage(START.minusSeconds(590))).isFalse();
    assertThat(schedule.slowDatabase(START.minusSeconds(1))).isNull();
  }

  private interface SecondPredicate {
    boolean test(long second);
  }

  /** [start, end) second ranges where the predicate holds, over the first {@link #HOURS} hours. */
  private static List<int[]> runs(SecondPredicate on) {
    List<int[]> runs = new ArrayList<>();
    int begin = -1;
    for (int s = 0; s <= HOURS * 3600; s++) {
      boolean active = s < HOURS * 3600 && on.test(s);
      if (active && begin < 0) {
        begin = s;
      } else if (!active && begin >= 0) {
        runs.add(new int[] {begin, s});
        begin = -1;
      }
    }
    return runs;
  }
}
