package dev.corral.query.agg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.corral.query.plan.AggFunction;
import dev.corral.query.plan.Aggregation;
import dev.corral.query.table.ColumnType;
import dev.corral.query.table.NumberText;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AccumulatorsTest {
  private static Accumulator create(AggFunction function, String field, double q) {
    return Accumulators.create(new Aggregation(function, field, q, "x"));
  }

  private static Accumulator create(AggFunction function) {
    return create(function, "f", Double.NaN);
  }

  @Test
  void countWithoutFieldCountsEventsAndWithFieldCountsValues() {
    Accumulator events = create(AggFunction.COUNT, null, Double.NaN);
    Accumulator values = create(AggFunction.COUNT, "f", Double.NaN);
    for (Accumulator a : new Accumulator[] {events, values}) {
      a.addEvent();
      a.addEvent();
      a.addNumber(1);
      a.addText("x");
      a.addText("y");
    }
    assertThat(events.result()).isEqualTo(2L);
    assertThat(values.result()).isEqualTo(3L);
    assertThat(events.resultType()).isEqualTo(ColumnType.LONG);
  }

  @Test
  void numericFunctionsIgnoreText() {
    double[] values = {3, -1.5, 10, 4};
    Accumulator sum = create(AggFunction.SUM);
    Accumulator avg = create(AggFunction.AVG);
    Accumulator min = create(AggFunction.MIN);
    Accumulator max = create(AggFunction.MAX);
    for (Accumulator a : new Accumulator[] {sum, avg, min, max}) {
      for (double v : values) {
        a.addNumber(v);
      }
      a.addText("1000");
      a.addEvent();
      assertThat(a.resultType()).isEqualTo(ColumnType.DOUBLE);
    }
    assertThat(sum.result()).isEqualTo(15.5);
    assertThat(avg.result()).isEqualTo(15.5 / 4);
    assertThat(min.result()).isEqualTo(-1.5);
    assertThat(max.result()).isEqualTo(10.0);
  }

  @Test
  void emptyResults() {
    assertThat(create(AggFunction.SUM).result()).isEqualTo(0.0);
    assertThat(create(AggFunction.AVG).result()).isNull();
    assertThat(create(AggFunction.MIN).result()).isNull();
    assertThat(create(AggFunction.MAX).result()).isNull();
    assertThat(create(AggFunction.PERCENTILE, "f", 0.5).result()).isNull();
    assertThat(create(AggFunction.COUNT_DISTINCT).result()).isEqualTo(0L);
    assertThat(create(AggFunction.COUNT, null, Double.NaN).result()).isEqualTo(0L);
  }

  @Test
  void distinctCountTreatsNumberAndItsTextAsOneValue() {
    Accumulator dc = create(AggFunction.COUNT_DISTINCT);
    dc.addNumber(500.0);
    dc.addText("500");
    dc.addNumber(1.5);
    dc.addText("1.5");
    dc.addText("a");
    dc.addText("a");
    assertThat(dc.result()).isEqualTo(3L);
    assertThat(NumberText.of(500.0)).isEqualTo("500");
    assertThat(NumberText.of(-0.0)).isEqualTo("0");
    assertThat(NumberText.of(1e20)).isEqualTo("1.0E20");
  }

  @Test
  void smallPercentilesAreExactNearestRank() {
    Accumulator median = create(AggFunction.PERCENTILE, "f", 0.5);
    Accumulator max = create(AggFunction.PERCENTILE, "f", 1.0);
    Accumulator min = create(AggFunction.PERCENTILE, "f", 0.0);
    for (Accumulator a : new Accumulator[] {median, max, min}) {
      for (double v : new double[] {4, 1, 3, 2}) {
        a.addNumber(v);
      }
    }
    assertThat(median.result()).isEqualTo(2.0);
    assertThat(max.result()).isEqualTo(4.0);
    assertThat(min.result()).isEqualTo(1.0);
  }

  @Test
  void mergeIsAssociative() {
    long seed = new Random().nextLong();
    System.out.println("AccumulatorsTest.mergeIsAssociative seed=" + seed);
    Random random = new Random(seed);
    for (AggFunction function : AggFunction.values()) {
      String field = function == AggFunction.COUNT ? null : "f";
      double q = function == AggFunction.PERCENTILE ? 0.9 : Double.NaN;
      Accumulator[] left = new Accumulator[3];
      Accumulator[] right = new Accumulator[3];
      for (int i = 0; i < 3; i++) {
        left[i] = create(function, field, q);
        right[i] = create(function, field, q);
        // A KLL sketch is exact (so merges are exactly associative) up to K values in all.
        int n = random.nextInt(function == AggFunction.PERCENTILE ? PercentileAccumulator.K / 3 : 150);
        for (int j = 0; j < n; j++) {
          long v = random.nextInt(1000);
          for (Accumulator a : new Accumulator[] {left[i], right[i]}) {
            a.addEvent();
            a.addNumber(v);
            if (j % 3 == 0) {
              a.addText("t" + v);
            }
          }
        }
      }
      left[0].merge(left[1]);
      left[0].merge(left[2]);
      right[1].merge(right[2]);
      right[0].merge(right[1]);
      assertThat(left[0].result()).as("%s, seed %s", function, seed).isEqualTo(right[0].result());
    }
  }

  @Test
  void percentileOn100kValuesIsWithinTheDocumentedRankError() {
    long seed = new Random().nextLong();
    System.out.println("AccumulatorsTest.percentileOn100kValues seed=" + seed);
    Random random = new Random(seed);
    double[] values = new double[100_000];
    Accumulator[] parts = new Accumulator[4];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = create(AggFunction.PERCENTILE, "f", 0.95);
    }
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.exp(random.nextGaussian() * 2);
      parts[i % parts.length].addNumber(values[i]);
    }
    for (int i = 1; i < parts.length; i++) {
      parts[0].merge(parts[i]);
    }
    double estimate = (Double) parts[0].result();
    Arrays.sort(values);
    double rank = (double) Arrays.binarySearch(values, estimate) / values.length;
    double error = PercentileAccumulator.normalizedRankError();
    assertThat(error).isCloseTo(0.0165, within(0.001));
    assertThat(rank).as("seed %s", seed).isCloseTo(0.95, within(error));
  }

  @Test
  void distinctCountOn100kValuesIsWithinTheDocumentedError() {
    long seed = new Random().nextLong();
    System.out.println("AccumulatorsTest.distinctCountOn100kValues seed=" + seed);
    Random random = new Random(seed);
    Accumulator a = create(AggFunction.COUNT_DISTINCT);
    Accumulator b = create(AggFunction.COUNT_DISTINCT);
    int distinct = 100_000;
    for (int i = 0; i < distinct; i++) {
      String value = "user-" + i;
      (i % 2 == 0 ? a : b).addText(value);
      if (random.nextInt(4) == 0) {
        a.addText(value); // a repeat counts once
      }
    }
    a.merge(b);
    long estimate = (Long) a.result();
    // 0.8% relative standard error; 3 sigma is 2.4%.
    assertThat((double) estimate).as("seed %s", seed).isCloseTo(distinct, within(distinct * 0.024));
  }

  @Test
  void mergingDifferentKindsFailsClearly() {
    Accumulator sum = create(AggFunction.SUM);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> sum.merge(create(AggFunction.MAX)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot merge ExtremeAccumulator into SumAccumulator");
  }
}
