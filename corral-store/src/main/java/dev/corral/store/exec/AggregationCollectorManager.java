package dev.corral.store.exec;

import dev.corral.query.agg.Accumulator;
import dev.corral.query.agg.Group;
import dev.corral.query.agg.GroupKey;
import dev.corral.query.agg.GroupTable;
import dev.corral.query.agg.Grouping;
import dev.corral.query.plan.Aggregation;
import dev.corral.query.plan.AutoSpan;
import dev.corral.store.index.FieldMapping;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * Feeds every matching document of one partition into groups of accumulators, from doc values
 * only. One {@link GroupTable} per collector (so Lucene may run slices in parallel), merged by
 * {@link #reduce}.
 *
 * <p>Per segment, a document's key is first a tuple of cheap per-segment codes (keyword ordinal,
 * number bits, bucket); only the first time a tuple is seen in the segment are its values turned
 * into strings and looked up in the table, so the per-document cost is a few doc-value reads and
 * one hash lookup without allocation. A conditional aggregate ({@code count(level:ERROR)}) is fed
 * only the documents its filter matches: its weight's iterator is advanced along the collected
 * documents of the segment. Feeding follows {@code Accumulators}: {@code count()} gets
 * {@code addEvent}; an aggregation with a field gets {@code addNumber} for a number (or the
 * timestamp) and {@code addText} for a keyword value. The deadline is checked every {@value
 * #DOCS_BETWEEN_DEADLINE_CHECKS} documents.
 *
 * <p>A plain {@code count()} by service and level may skip the documents: a segment that {@link
 * RollupCounting} answers from its precomputed counts is added to the table whole, and Lucene
 * moves on to the next segment; of a segment the window cuts, the whole minutes inside the window
 * are added and only the documents of the other minutes are fed ({@link CountedSpan}).
 */
final class AggregationCollectorManager implements CollectorManager<AggregationCollectorManager.GroupCollector, GroupTable> {
  /** Documents between deadline checks: a clock read per ~thousand docs costs nothing measurable. */
  static final int DOCS_BETWEEN_DEADLINE_CHECKS = 1024;

  private final Grouping grouping;
  private final List<String> fields;
  private final int[] byField;
  private final int[] aggField;
  private final QueryDeadline deadline;
  private final long maxBytes;
  private final long baseBytes;

  /** Per aggregation, the weight of its filter in this partition; null for an unconditional one. */
  private final List<Weight> conditions;
  /** Segments it answers are counted from their rollups; null: every segment document by document. */
  private final RollupCounting rollup;
  /** The weight of the query's filter in this partition, for {@link #rollup}; null when it needs none. */
  private final Weight rollupFilter;

  /**
   * @param conditions per aggregation, the weight of its filter (a conditional aggregate's) in this
   *     partition, or null for one fed by every event of its group
   * @param baseBytes aggregation state already held by earlier partitions of the query
   * @param rollup counts the segments it can from their rollups, or null
   * @param rollupFilter the weight of the query's filter in this partition (without the window),
   *     which {@code rollup} tests its pairs against; null for a filter that matches everything
   */
  AggregationCollectorManager(Grouping grouping, List<Weight> conditions, QueryDeadline deadline, long maxBytes,
      long baseBytes, RollupCounting rollup, Weight rollupFilter) {
    this.grouping = grouping;
    this.conditions = conditions;
    this.rollup = rollup;
    this.rollupFilter = rollupFilter;
    this.fields = grouping.fieldsToRead();
    this.byField = grouping.by().stream().mapToInt(f -> fields.indexOf(FieldMapping.resolve(f))).toArray();
    List<Aggregation> aggregations = grouping.aggregations();
    this.aggField = aggregations.stream()
        .mapToInt(a -> a.field() == null ? -1 : fields.indexOf(FieldMapping.resolve(a.field()))).toArray();
    this.deadline = deadline;
    this.maxBytes = maxBytes;
    this.baseBytes = baseBytes;
  }

  @Override
  public GroupCollector newCollector() {
    return new GroupCollector(new GroupTable(grouping.aggregations(), maxBytes, baseBytes));
  }

  @Override
  public GroupTable reduce(Collection<GroupCollector> collectors) {
    Iterator<GroupCollector> it = collectors.iterator();
    GroupTable merged = it.next().table;
    while (it.hasNext()) {
      merged.merge(it.next().table);
    }
    return merged;
  }

  /** Collects into one table; one per search slice. */
  final class GroupCollector implements Collector {
    private final GroupTable table;

    private GroupCollector(GroupTable table) {
      this.table = table;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      CountedSpan counted = rollup == null ? CountedSpan.NONE : rollup.countSegment(context, rollupFilter, table);
      if (counted == CountedSpan.ALL) {
        throw new CollectionTerminatedException(); // counted: Lucene skips the segment's documents
      }
      LeafFieldValues[] values = new LeafFieldValues[fields.size()];
      for (int i = 0; i < values.length; i++) {
        String field = fields.get(i);
        values[i] = LeafFieldValues.open(context.reader(), field, grouping.visibility().isVisible(field));
      }
      NumericDocValues timestamps = grouping.spanNanos() > 0 || !counted.isEmpty()
          ? DocValues.getNumeric(context.reader(), FieldMapping.TIMESTAMP) : null;
      DocIdSetIterator[] matching = new DocIdSetIterator[conditions.size()];
      for (int a = 0; a < matching.length; a++) {
        Weight condition = conditions.get(a);
        if (condition != null) {
          Scorer scorer = condition.scorer(context);
          matching[a] = scorer == null ? DocIdSetIterator.empty() : scorer.iterator();
        }
      }
      return new GroupLeafCollector(table, values, timestamps, matching, counted);
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }

  /** One segment: the per-segment key codes and their groups. */
  private final class GroupLeafCollector implements LeafCollector {
    private final GroupTable table;
    private final LeafFieldValues[] values;
    private final NumericDocValues timestamps;
    private final SegmentKey probe;
    private final Map<SegmentKey, Group> seen = new HashMap<>();
    /** Per aggregation, the documents of this segment its filter matches; null without a filter. */
    private final DocIdSetIterator[] matching;
    /** Documents already counted from the segment's rollup, skipped here. */
    private final CountedSpan counted;
    private int sinceCheck;

    GroupLeafCollector(GroupTable table, LeafFieldValues[] values, NumericDocValues timestamps,
        DocIdSetIterator[] matching, CountedSpan counted) {
      this.table = table;
      this.values = values;
      this.timestamps = timestamps;
      this.matching = matching;
      this.counted = counted;
      this.probe = new SegmentKey(new long[2 * byField.length + 1]);
    }

    @Override
    public void setScorer(Scorable scorer) {}

    @Override
    public void collect(int doc) throws IOException {
      if (++sinceCheck >= DOCS_BETWEEN_DEADLINE_CHECKS) {
        sinceCheck = 0;
        deadline.check();
      }
      if (!counted.isEmpty() && counted.contains(timestamp(doc))) {
        return;
      }
      table.countDocument();
      for (LeafFieldValues value : values) {
        value.advance(doc);
      }
      long[] codes = probe.codes;
      for (int i = 0; i < byField.length; i++) {
        LeafFieldValues value = values[byField[i]];
        if (value.kind() == LeafFieldValues.MISSING && grouping.skipMissingBy()) {
          return;
        }
        codes[2 * i] = value.kind();
        codes[2 * i + 1] = value.code();
      }
      codes[codes.length - 1] = bucket(doc);
      probe.rehash();
      Group group = seen.get(probe);
      if (group == null) {
        group = table.group(key(codes[codes.length - 1]));
        seen.put(probe.copy(), group);
      }
      group.countEvent();
      for (int a = 0; a < aggField.length; a++) {
        if (matches(a, doc)) {
          feed(group.accumulator(a), aggField[a]);
        }
      }
    }

    /** Whether aggregation {@code a} takes {@code doc}: no filter, or its filter matches (docs come in order). */
    private boolean matches(int a, int doc) throws IOException {
      DocIdSetIterator docs = matching[a];
      if (docs == null) {
        return true;
      }
      if (docs.docID() < doc) {
        docs.advance(doc);
      }
      return docs.docID() == doc;
    }

    private long bucket(int doc) throws IOException {
      return grouping.spanNanos() == 0 ? 0 : AutoSpan.bucketStart(timestamp(doc), grouping.spanNanos());
    }

    private long timestamp(int doc) throws IOException {
      if (timestamps.docID() != doc && !timestamps.advanceExact(doc)) {
        throw new IllegalStateException("BUG: document " + doc + " has no timestamp");
      }
      return timestamps.longValue();
    }

    private GroupKey key(long bucket) throws IOException {
      String[] texts = new String[byField.length];
      for (int i = 0; i < texts.length; i++) {
        texts[i] = values[byField[i]].text();
      }
      return GroupKey.of(bucket, texts);
    }

    private void feed(Accumulator accumulator, int field) throws IOException {
      if (field < 0) {
        accumulator.addEvent();
        return;
      }
      LeafFieldValues value = values[field];
      switch (value.kind()) {
        case LeafFieldValues.KEYWORD -> accumulator.addText(value.text());
        case LeafFieldValues.NUMBER, LeafFieldValues.LONG -> accumulator.addNumber(value.number());
        default -> { }
      }
    }
  }

  /** A tuple of per-segment codes; the probe instance is reused, stored keys are copies. */
  private static final class SegmentKey {
    final long[] codes;
    private int hash;

    SegmentKey(long[] codes) {
      this.codes = codes;
      rehash();
    }

    void rehash() {
      hash = Arrays.hashCode(codes);
    }

    SegmentKey copy() {
      return new SegmentKey(codes.clone());
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof SegmentKey key && Arrays.equals(codes, key.codes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
