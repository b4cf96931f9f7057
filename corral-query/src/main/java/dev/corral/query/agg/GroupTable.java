package dev.corral.query.agg;

import dev.corral.query.plan.Aggregation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups by key, with the memory bound of a query: the estimated bytes of every key and
 * accumulator, plus what earlier partitions already hold ({@code baseBytes}), must stay within
 * {@code maxBytes}, else the query fails with an {@link IllegalArgumentException} naming both.
 * Accumulators grow as they are fed (sketches), so their size is re-measured after a number of
 * documents at least the number of groups: amortized O(1) per document. The store fills one per
 * collector from doc values (tables are combined with {@link #merge}); the in-memory evaluator
 * fills one from events, with no memory bound. Not thread-safe.
 */
public final class GroupTable {
  /** Documents between two re-measurements of accumulator sizes, at least. */
  private static final int MIN_DOCS_BETWEEN_CHECKS = 4096;

  private final List<Aggregation> aggregations;
  private final long maxBytes;
  private final long baseBytes;
  private final Map<GroupKey, Group> groups = new HashMap<>();
  private long keyBytes;
  private long groupBytes;
  private long docs;
  private long docsSinceCheck;

  public GroupTable(List<Aggregation> aggregations, long maxBytes, long baseBytes) {
    this.aggregations = List.copyOf(aggregations);
    this.maxBytes = maxBytes;
    this.baseBytes = baseBytes;
  }

  /** The group of {@code key}, created empty when new. */
  public Group group(GroupKey key) {
    Group group = groups.get(key);
    if (group == null) {
      group = new Group(aggregations);
      groups.put(key, group);
      keyBytes += key.estimatedBytes();
      groupBytes += group.estimatedBytes();
      checkMemory();
    }
    return group;
  }

  /** Called once per document collected (grouped or not). */
  public void countDocument() {
    docs++;
    if (++docsSinceCheck >= Math.max(MIN_DOCS_BETWEEN_CHECKS, groups.size())) {
      docsSinceCheck = 0;
      remeasure();
    }
  }

  /**
   * Counts {@code n} documents at once, as {@code n} calls of {@link #countDocument} would (a store
   * that reads a precomputed count); re-measures the accumulators.
   */
  public void countDocuments(long n) {
    docs += n;
    docsSinceCheck = 0;
    remeasure();
  }

  /** Documents collected. */
  public long documents() {
    return docs;
  }

  public Map<GroupKey, Group> groups() {
    return groups;
  }

  public List<Aggregation> aggregations() {
    return aggregations;
  }

  /** Folds every group of {@code other} into this table and re-checks the memory bound. */
  public void merge(GroupTable other) {
    docs += other.docs;
    for (Map.Entry<GroupKey, Group> entry : other.groups.entrySet()) {
      Group mine = groups.get(entry.getKey());
      if (mine == null) {
        groups.put(entry.getKey(), entry.getValue());
        keyBytes += entry.getKey().estimatedBytes();
      } else {
        mine.merge(entry.getValue());
      }
    }
    remeasure();
  }

  /** Estimated bytes of this table (keys and accumulators). */
  public long estimatedBytes() {
    return keyBytes + groupBytes;
  }

  private void remeasure() {
    long bytes = 0;
    for (Group group : groups.values()) {
      bytes += group.estimatedBytes();
    }
    groupBytes = bytes;
    checkMemory();
  }

  private void checkMemory() {
    long needed = baseBytes + keyBytes + groupBytes;
    if (needed > maxBytes) {
      throw new IllegalArgumentException("query needs more than " + needed + " bytes of aggregation state (limit "
          + maxBytes + " bytes, " + groups.size() + " groups so far); add a filter or fewer/lower-cardinality by fields");
    }
  }
}
