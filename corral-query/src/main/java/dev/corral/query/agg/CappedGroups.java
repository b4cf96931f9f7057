package dev.corral.query.agg;

import dev.corral.query.plan.Aggregation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The accumulators of a grouped aggregation, holding at most {@code maxGroups} groups: the
 * smallest keys in {@link GroupKey} order. Every other group is merged into one "other" group.
 * Which groups are kept depends only on the set of keys, never on the order events arrive in:
 * when a new key pushes the count over the cap, the largest key is evicted into "other", and a
 * key larger than every kept key goes straight there once the cap is reached. Not thread-safe.
 */
public final class CappedGroups {
  private final List<Aggregation> aggregations;
  private final int maxGroups;
  private final TreeMap<GroupKey, Accumulator[]> groups = new TreeMap<>();
  private Accumulator[] other;

  /** @param maxGroups at least 1 */
  public CappedGroups(List<Aggregation> aggregations, int maxGroups) {
    if (maxGroups < 1) {
      throw new IllegalArgumentException("maxGroups must be >= 1, got " + maxGroups);
    }
    this.aggregations = List.copyOf(aggregations);
    this.maxGroups = maxGroups;
  }

  /** The accumulators to feed for {@code key}: its own, or "other"'s when it is beyond the cap. */
  public Accumulator[] accumulators(GroupKey key) {
    Accumulator[] existing = groups.get(key);
    if (existing != null) {
      return existing;
    }
    if (groups.size() >= maxGroups && key.compareTo(groups.lastKey()) > 0) {
      return other();
    }
    Accumulator[] created = create();
    groups.put(key, created);
    if (groups.size() > maxGroups) {
      Map.Entry<GroupKey, Accumulator[]> evicted = groups.pollLastEntry();
      Accumulator[] into = other();
      for (int i = 0; i < into.length; i++) {
        into[i].merge(evicted.getValue()[i]);
      }
    }
    return created;
  }

  /** Makes sure {@code key} has a group (for {@code stats} without {@code by}, which always has a row). */
  public void touch(GroupKey key) {
    accumulators(key);
  }

  /** The kept groups in key order. */
  public NavigableMap<GroupKey, Accumulator[]> groups() {
    return groups;
  }

  /** The merged accumulators of the groups beyond the cap, or null when none went over it. */
  public Accumulator[] otherGroup() {
    return other;
  }

  private Accumulator[] other() {
    if (other == null) {
      other = create();
    }
    return other;
  }

  private Accumulator[] create() {
    List<Accumulator> created = new ArrayList<>(aggregations.size());
    for (Aggregation aggregation : aggregations) {
      created.add(Accumulators.create(aggregation));
    }
    return created.toArray(Accumulator[]::new);
  }
}
