package dev.corral.store.exec;

import dev.corral.query.agg.CappedGroups;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The group limit: when there are more distinct values than {@code maxGroups}, the {@code
 * maxGroups} with the most events are kept (ties: value ascending, nulls last) and the rest fold
 * into one {@code (other)} group; the rule of {@link CappedGroups#kept}, shared with the in-memory
 * evaluator. Deterministic whatever order groups were found in. Stateless.
 */
final class GroupCap {
  private GroupCap() {}

  /**
   * The values to keep, or null to keep all.
   *
   * @param eventsByValue events per distinct value (a value is a list of by-field texts)
   */
  static Set<List<String>> kept(Map<List<String>, Long> eventsByValue, int maxGroups) {
    return CappedGroups.kept(eventsByValue, maxGroups, GroupKey::compareValues);
  }
}
