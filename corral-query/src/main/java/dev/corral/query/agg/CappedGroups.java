package dev.corral.query.agg;

import dev.corral.query.plan.Aggregation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The accumulators of a grouped aggregation under the group cap, by the rule the store follows
 * ({@link #kept}): when there are more than {@code maxGroups} groups, the {@code maxGroups} with
 * the most events stay (ties: key ascending in {@link GroupKey} order, nulls last) and every
 * other group merges into one "other" group. Which groups stay depends only on the events per key,
 * never on the order events arrive in; so every group is held until the cap is applied, and memory
 * grows with the number of distinct keys. Not thread-safe.
 */
public final class CappedGroups {
  private final List<Aggregation> aggregations;
  private final int maxGroups;
  private final Map<GroupKey, Accumulator[]> groups = new HashMap<>();
  private final Map<GroupKey, Long> events = new HashMap<>();
  private NavigableMap<GroupKey, Accumulator[]> kept;
  private Accumulator[] other;

  /** @param maxGroups at least 1 */
  public CappedGroups(List<Aggregation> aggregations, int maxGroups) {
    if (maxGroups < 1) {
      throw new IllegalArgumentException("maxGroups must be >= 1, got " + maxGroups);
    }
    this.aggregations = List.copyOf(aggregations);
    this.maxGroups = maxGroups;
  }

  /**
   * Counts one event of {@code key} and returns the accumulators to feed with it.
   *
   * @throws IllegalStateException once {@link #groups()} or {@link #otherGroup()} was called
   */
  public Accumulator[] accumulators(GroupKey key) {
    Accumulator[] group = group(key);
    events.merge(key, 1L, Long::sum);
    return group;
  }

  /** Makes sure {@code key} has a group, without an event (for {@code stats} without {@code by}). */
  public void touch(GroupKey key) {
    group(key);
  }

  /** The kept groups in key order; applies the cap (no more events may be added after). */
  public NavigableMap<GroupKey, Accumulator[]> groups() {
    cap();
    return kept;
  }

  /** The merged accumulators of the groups beyond the cap, or null when none went over it. */
  public Accumulator[] otherGroup() {
    cap();
    return other;
  }

  /**
   * The group cap of a {@code stats … by} table: {@code maxGroups}, lowered where needed so that
   * the kept groups and the "other" row together fit in the table's {@code maxRows} rows — else
   * the row cap would cut the "other" row, and the groups beyond the cap would vanish without a
   * trace (with the defaults, 10,000 groups and 10,000 rows, it did). At least one group stays.
   */
  public static int statsCap(int maxGroups, int maxRows) {
    return Math.max(1, Math.min(maxGroups, maxRows - 1));
  }

  /**
   * The cap rule alone: the {@code maxGroups} keys with the most events, ties broken by {@code
   * order}; null when there are no more than {@code maxGroups} keys (all stay).
   *
   * @param eventsByKey events per distinct key (null keys allowed when {@code order} takes them)
   */
  public static <K> Set<K> kept(Map<K, Long> eventsByKey, int maxGroups, Comparator<? super K> order) {
    if (eventsByKey.size() <= maxGroups) {
      return null;
    }
    List<Map.Entry<K, Long>> entries = new ArrayList<>(eventsByKey.entrySet());
    Comparator<Map.Entry<K, Long>> mostFirst = (a, b) -> Long.compare(b.getValue(), a.getValue());
    entries.sort(mostFirst.thenComparing((a, b) -> order.compare(a.getKey(), b.getKey())));
    Set<K> kept = new HashSet<>();
    for (int i = 0; i < maxGroups; i++) {
      kept.add(entries.get(i).getKey());
    }
    return kept;
  }

  private Accumulator[] group(GroupKey key) {
    if (kept != null) {
      throw new IllegalStateException("BUG: an event was added after the group cap was applied");
    }
    return groups.computeIfAbsent(key, k -> create());
  }

  private void cap() {
    if (kept != null) {
      return;
    }
    Map<GroupKey, Long> counts = new HashMap<>();
    groups.keySet().forEach(key -> counts.put(key, events.getOrDefault(key, 0L)));
    Set<GroupKey> keep = kept(counts, maxGroups, Comparator.naturalOrder());
    kept = new TreeMap<>();
    groups.forEach((key, accumulators) -> {
      if (keep == null || keep.contains(key)) {
        kept.put(key, accumulators);
      } else {
        if (other == null) {
          other = create();
        }
        for (int i = 0; i < other.length; i++) {
          other[i].merge(accumulators[i]);
        }
      }
    });
  }

  private Accumulator[] create() {
    List<Accumulator> created = new ArrayList<>(aggregations.size());
    for (Aggregation aggregation : aggregations) {
      created.add(Accumulators.create(aggregation));
    }
    return created.toArray(Accumulator[]::new);
  }
}
