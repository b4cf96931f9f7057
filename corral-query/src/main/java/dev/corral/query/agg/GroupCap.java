package dev.corral.query.agg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The group limit: when there are more distinct by-values than {@code maxGroups}, the {@code
 * maxGroups} with the most events are kept (ties: values ascending by {@link
 * GroupKey#compareValues}, nulls last) and the rest fold into one {@code (other)} group. Which
 * groups stay depends only on the events per value, never on the order events arrive in.
 * Stateless.
 */
public final class GroupCap {
  private GroupCap() {}

  /**
   * The values to keep, or null to keep all.
   *
   * @param eventsByValue events per distinct value (a value is a list of by-field texts)
   */
  public static Set<List<String>> kept(Map<List<String>, Long> eventsByValue, int maxGroups) {
    if (eventsByValue.size() <= maxGroups) {
      return null;
    }
    List<Map.Entry<List<String>, Long>> entries = new ArrayList<>(eventsByValue.entrySet());
    Comparator<Map.Entry<List<String>, Long>> mostFirst = (a, b) -> Long.compare(b.getValue(), a.getValue());
    entries.sort(mostFirst.thenComparing((a, b) -> GroupKey.compareValues(a.getKey(), b.getKey())));
    Set<List<String>> kept = new HashSet<>();
    for (int i = 0; i < maxGroups; i++) {
      kept.add(entries.get(i).getKey());
    }
    return kept;
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
}
