package dev.corral.query.agg;

/**
 * A running double sum with Neumaier compensation: exact for integers up to 2<sup>53</sup> in
 * any order, and otherwise far closer to the true sum than naive addition, so sums merged in a
 * different order (per segment, per partition) agree to within a few ulps. Not thread-safe.
 */
final class CompensatedSum {
  private double sum;
  private double compensation;

  void add(double value) {
    double t = sum + value;
    if (Math.abs(sum) >= Math.abs(value)) {
      compensation += (sum - t) + value;
    } else {
      compensation += (value - t) + sum;
    }
    sum = t;
  }

  void add(CompensatedSum other) {
    add(other.sum);
    add(other.compensation);
  }

  double value() {
    return sum + compensation;
  }
}
