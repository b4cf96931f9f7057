package dev.corral.store.exec;

import dev.corral.query.agg.Accumulator;
import dev.corral.query.agg.Accumulators;
import dev.corral.query.plan.Aggregation;
import java.util.List;

/**
 * The state of one group: how many events fell in it and one accumulator per aggregation. Not
 * thread-safe: owned by one collector until merged.
 */
final class Group {
  private final Accumulator[] accumulators;
  private long events;

  Group(List<Aggregation> aggregations) {
    accumulators = new Accumulator[aggregations.size()];
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i] = Accumulators.create(aggregations.get(i));
    }
  }

  Accumulator accumulator(int i) {
    return accumulators[i];
  }

  int size() {
    return accumulators.length;
  }

  void countEvent() {
    events++;
  }

  long events() {
    return events;
  }

  /** Folds {@code other} (of the same aggregations) into this group. */
  void merge(Group other) {
    events += other.events;
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i].merge(other.accumulators[i]);
    }
  }

  long estimatedBytes() {
    long bytes = 32L + 8L * accumulators.length;
    for (Accumulator accumulator : accumulators) {
      bytes += accumulator.estimatedBytes();
    }
    return bytes;
  }
}
