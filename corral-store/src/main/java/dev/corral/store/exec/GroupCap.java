package dev.corral.store.exec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The group limit: when there are more distinct values than {@code maxGroups}, the {@code
 * maxGroups} with the most events are kept (ties: value ascending, nulls last) and the rest fold
 * into one {@code (other)} group. Deterministic whatever order groups were found in. Stateless.
 */
final class GroupCap {
  private GroupCap() {}

  /**
   * The values to keep, or null to keep all.
   *
   * @param eventsByValue events per distinct value (a value is a list of by-field texts)
   */
  static Set<List<String>> kept(Map<List<String>, Long> eventsByValue, int maxGroups) {
    if (eventsByValue.size() <= maxGroups) {
      return null;
    }
    List<Map.Entry<List<String>, Long>> entries = new ArrayList<>(eventsByValue.entrySet());
    entries.sort(Comparator.<Map.Entry<List<String>, Long>>comparingLong(Map.Entry::getValue).reversed()
        .thenComparing(Map.Entry::getKey, GroupKey::compareValues));
    Set<List<String>> kept = new HashSet<>();
    for (int i = 0; i < maxGroups; i++) {
      kept.add(entries.get(i).getKey());
    }
    return kept;
  }
}
