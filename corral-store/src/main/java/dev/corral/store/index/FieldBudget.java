package dev.corral.store.index;

import dev.corral.model.FieldNames;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event field names one partition indexes, at most {@code max} of them (like Elasticsearch's
 * {@code index.mapping.total_fields.limit}): Lucene keeps per-field state in every segment, so an
 * unbounded number of names (a field per request id, say) would grow a partition's heap and files
 * without bound. The first {@code max} names seen are indexed; a field of a later new name is kept
 * in the event's stored source and its name goes to {@link FieldMapping#IGNORED}, so {@code name:*}
 * still finds the event (as for an over-long keyword). The fixed fields (timestamp, level, message)
 * are not counted.
 *
 * <p>Thread-safe: the indexer threads writing to one partition share it.
 */
public final class FieldBudget {
  private static final Set<String> FIXED = Set.of(FieldNames.TIMESTAMP, FieldNames.LEVEL, FieldNames.MESSAGE);

  /** Admits every name and remembers none: for code that indexes outside a partition (benchmarks). */
  public static final FieldBudget UNLIMITED = new FieldBudget(Integer.MAX_VALUE);

  private final int max;
  private final Set<String> names = ConcurrentHashMap.newKeySet();

  private FieldBudget(int max) {
    this.max = max;
  }

  /**
   * The budget of a partition whose index already has the Lucene fields {@code luceneFields} (as
   * {@code IndexWriter.getFieldNames()} lists them): their event fields count from the start.
   */
  public static FieldBudget of(int max, Iterable<String> luceneFields) {
    if (max < 1) {
      throw new IllegalArgumentException("max fields per partition (" + max + ") must be at least 1");
    }
    FieldBudget budget = new FieldBudget(max);
    for (String luceneField : luceneFields) {
      String name = FieldMapping.eventField(luceneField);
      if (name != null && !FIXED.contains(name)) {
        budget.names.add(name);
      }
    }
    return budget;
  }

  /** Whether a field named {@code name} is indexed: it already is, or the budget has room for one more name. */
  public boolean admits(String name) {
    if (max == Integer.MAX_VALUE || names.contains(name)) {
      return true;
    }
    synchronized (this) {
      if (names.size() >= max) {
        return names.contains(name);
      }
      names.add(name);
      return true;
    }
  }

  /** Distinct names indexed so far. */
  public int size() {
    return names.size();
  }
}
