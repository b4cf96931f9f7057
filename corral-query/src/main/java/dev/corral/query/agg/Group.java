package dev.corral.query.agg;

import dev.corral.query.plan.Aggregation;
import java.util.List;

/**
 * The state of one group: how many events fell in it and one accumulator per aggregation. Not
 * thread-safe: owned by one collector (or one evaluation) until merged.
 */
public final class Group {
  private final Accumulator[] accumulators;
  private long events;

  public Group(List<Aggregation> aggregations) {
    accumulators = new Accumulator[aggregations.size()];
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i] = Accumulators.create(aggregations.get(i));
    }
  }

  public Accumulator accumulator(int i) {
    return accumulators[i];
  }

  public int size() {
    return accumulators.length;
  }

  public void countEvent() {
    events++;
  }

  /** Counts {@code n} events at once: a store that knows a count without visiting each event. */
  public void countEvents(long n) {
    events += n;
  }

  public long events() {
    return events;
  }

  /** Folds {@code other} (of the same aggregations) into this group. */
  public void merge(Group other) {
    events += other.events;
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i].merge(other.accumulators[i]);
    }
  }

  public long estimatedBytes() {
    long bytes = 32L + 8L * accumulators.length;
    for (Accumulator accumulator : accumulators) {
      bytes += accumulator.estimatedBytes();
    }
    return bytes;
  }
}
