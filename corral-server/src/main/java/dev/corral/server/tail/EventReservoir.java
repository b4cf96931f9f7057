package dev.corral.server.tail;

import dev.corral.model.EventBatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A uniform random sample of at most {@code capacity} events out of all those offered since the
 * last {@link #drain} (reservoir sampling, Algorithm R), handed back in the order they were
 * offered. Memory is bounded by the capacity whatever the number offered. Not thread-safe: one
 * subscriber's thread uses it.
 */
final class EventReservoir {
  private final List<TailedEvent> kept = new ArrayList<>();
  private final SplittableRandom random;
  private int capacity;
  private long offered;
  private long sequence;

  EventReservoir(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Starts a new round keeping at most {@code capacity} events. */
  void reset(int capacity) {
    kept.clear();
    offered = 0;
    this.capacity = capacity;
  }

  void offer(EventBatch batch, int line) {
    offered++;
    TailedEvent event = new TailedEvent(sequence++, batch, line);
    if (kept.size() < capacity) {
      kept.add(event);
      return;
    }
    long slot = random.nextLong(offered);
    if (slot < capacity) {
      kept.set((int) slot, event);
    }
  }

  /** Events offered in this round. */
  long offered() {
    return offered;
  }

  /**
   * At most {@code limit} events of the sample, oldest first: when it holds more, a uniform random
   * choice among them (still a uniform sample of all offered). Empties the reservoir.
   */
  List<TailedEvent> drain(int limit) {
    int take = Math.clamp(limit, 0, kept.size());
    if (take < kept.size()) {
      for (int i = 0; i < take; i++) { // partial Fisher-Yates shuffle: the first `take` become the choice
        int j = i + random.nextInt(kept.size() - i);
        TailedEvent chosen = kept.get(j);
        kept.set(j, kept.get(i));
        kept.set(i, chosen);
      }
    }
    List<TailedEvent> sample = new ArrayList<>(kept.subList(0, take));
    sample.sort(Comparator.comparingLong(TailedEvent::sequence));
    kept.clear();
    return sample;
  }
}
