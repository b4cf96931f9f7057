package dev.corral.store.exec;

import dev.corral.model.FieldNames;
import dev.corral.query.agg.CountAccumulator;
import dev.corral.query.agg.Group;
import dev.corral.query.agg.GroupKey;
import dev.corral.query.agg.GroupTable;
import dev.corral.query.agg.Grouping;
import dev.corral.query.plan.AggFunction;
import dev.corral.query.plan.Aggregation;
import dev.corral.query.plan.AutoSpan;
import dev.corral.query.plan.StatsPipe;
import dev.corral.query.plan.TimechartPipe;
import dev.corral.query.resolve.AllOf;
import dev.corral.query.resolve.AnyOf;
import dev.corral.query.resolve.Everything;
import dev.corral.query.resolve.FieldKind;
import dev.corral.query.resolve.KeywordEquals;
import dev.corral.query.resolve.LevelIn;
import dev.corral.query.resolve.Negated;
import dev.corral.query.resolve.Nothing;
import dev.corral.query.resolve.TermPattern;
import dev.corral.query.resolve.TextBetween;
import dev.corral.query.resolve.TypedField;
import dev.corral.query.resolve.TypedFilter;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * Answers a {@code count()} aggregation segment by segment from {@link SegmentRollup}s where the
 * answer is the same as visiting each document. A query is eligible ({@link #of}) when:
 *
 * <ol>
 *   <li>the aggregating pipe is the first pipe, a {@code stats} or a {@code timechart} whose span
 *       is a whole number of minutes (a minute's events all fall in one of its buckets: buckets
 *       start at multiples of the span from the epoch);
 *   <li>every aggregation is a plain {@code count()} (no field, no condition);
 *   <li>every by-field is {@code service} or {@code level};
 *   <li>the filter reads only {@code service} and {@code level} keywords: everything, nothing, a
 *       keyword term, a set of levels, a wildcard, regex or range over their keywords, and AND / OR
 *       / NOT of these (never a number, a field's presence or full text).
 * </ol>
 *
 * <p>A segment of an eligible query whose reader has no deleted documents is then answered from
 * its rollup ({@link #countSegment}): wholly when all its events lie inside the query's window (the
 * rollup's min and max timestamps), else for the minutes wholly inside the window, and its
 * documents in the other minutes are visited as usual ({@link CountedSpan}). The filter is
 * tested on the first document of each (service, level) pair ({@link SegmentRollup}). Stateless
 * besides its settings; thread-safe.
 */
final class RollupCounting {
  private final boolean[] byService;
  private final long spanNanos;
  private final boolean everything;
  private final long fromNanos;
  private final long toNanos;
  private final SegmentRollups rollups;
  private final QueryDeadline deadline;

  private RollupCounting(boolean[] byService, long spanNanos, boolean everything, long fromNanos, long toNanos,
      SegmentRollups rollups, QueryDeadline deadline) {
    this.byService = byService;
    this.spanNanos = spanNanos;
    this.everything = everything;
    this.fromNanos = fromNanos;
    this.toNanos = toNanos;
    this.rollups = rollups;
    this.deadline = deadline;
  }

  /**
   * The rollup counting of an aggregation, or empty when it is not eligible (see the class
   * comment) or rollups are turned off.
   *
   * @param aggregationIndex the aggregating pipe's position in the plan
   * @param grouping the grouping, its span already chosen
   * @param filter the query's resolved filter
   * @param fromNanos the window's start, inclusive
   * @param toNanos the window's end, inclusive
   */
  static Optional<RollupCounting> of(int aggregationIndex, Grouping grouping, TypedFilter filter, long fromNanos,
      long toNanos, QueryDeadline deadline) {
    if (!SegmentRollups.enabled() || aggregationIndex != 0
        || !(grouping.pipe() instanceof StatsPipe || grouping.pipe() instanceof TimechartPipe)
        || grouping.spanNanos() % SegmentRollup.MINUTE_NANOS != 0 || grouping.skipMissingBy()
        || !grouping.aggregations().stream().allMatch(RollupCounting::plainCount) || !readsDimensions(filter)) {
      return Optional.empty();
    }
    List<String> by = grouping.by().stream().map(FieldNames::canonical).toList();
    boolean[] byService = new boolean[by.size()];
    for (int i = 0; i < by.size(); i++) {
      if (!SegmentRollup.isDimension(by.get(i)) || !grouping.visibility().isVisible(by.get(i))) {
        return Optional.empty();
      }
      byService[i] = !by.get(i).equals(FieldNames.LEVEL);
    }
    return Optional.of(new RollupCounting(byService, grouping.spanNanos(), filter instanceof Everything, fromNanos,
        toNanos, SegmentRollups.shared(), deadline));
  }

  private static boolean plainCount(Aggregation aggregation) {
    return aggregation.function() == AggFunction.COUNT && aggregation.field() == null && aggregation.filter() == null;
  }

  /** Whether a filter's outcome depends only on the event's service and level keywords. */
  private static boolean readsDimensions(TypedFilter filter) {
    return switch (filter) {
      case Everything e -> true;
      case Nothing n -> true;
      case AllOf all -> all.clauses().stream().allMatch(RollupCounting::readsDimensions);
      case AnyOf any -> any.clauses().stream().allMatch(RollupCounting::readsDimensions);
      case Negated not -> readsDimensions(not.clause());
      case LevelIn in -> true;
      case KeywordEquals equals -> SegmentRollup.isDimension(equals.field());
      case TermPattern pattern -> keywordOfDimension(pattern.field());
      case TextBetween between -> keywordOfDimension(between.field());
      default -> false;
    };
  }

  private static boolean keywordOfDimension(TypedField field) {
    return (field.kind() == FieldKind.VALUE || field.kind() == FieldKind.LEVEL)
        && SegmentRollup.isDimension(field.name());
  }

  /**
   * Counts the segment's matching events into {@code table} from its rollup, when it can: all of
   * them when the segment lies inside the window, else those in the minutes wholly inside it.
   *
   * @param filter the weight of the query's filter in the segment's partition (without the window)
   * @return the events counted, which the per-document pass must skip: {@link CountedSpan#ALL},
   *     {@link CountedSpan#NONE} (no rollup, deletions, or no whole minute inside the window), or
   *     a span of whole minutes
   */
  CountedSpan countSegment(LeafReaderContext context, Weight filter, GroupTable table) throws IOException {
    if (context.reader().hasDeletions()) {
      return CountedSpan.NONE;
    }
    Optional<SegmentRollup> found = rollups.of(context.reader(), deadline);
    if (found.isEmpty()) {
      return CountedSpan.NONE;
    }
    SegmentRollup rollup = found.get();
    CountedSpan counted = counted(rollup);
    if (counted.isEmpty()) {
      return CountedSpan.NONE;
    }
    deadline.check();
    DocIdSetIterator matching = everything ? null : iterator(filter.scorer(context));
    long documents = 0;
    for (int pair = 0; pair < rollup.pairs(); pair++) {
      if (matching != null && !matches(matching, rollup.firstDoc(pair))) {
        continue;
      }
      if (counted == CountedSpan.ALL && spanNanos == 0) {
        documents += rollup.total(pair);
        add(table, 0, rollup, pair, rollup.total(pair));
        continue;
      }
      for (int entry = rollup.entryStart(pair); entry < rollup.entryEnd(pair); entry++) {
        if (counted.contains(rollup.minute(entry))) {
          documents += rollup.count(entry);
          add(table, spanNanos == 0 ? 0 : AutoSpan.bucketStart(rollup.minute(entry), spanNanos), rollup, pair,
              rollup.count(entry));
        }
      }
    }
    if (documents > 0) {
      table.countDocuments(documents);
    }
    return counted;
  }

  /** The whole minutes of the rollup inside the window: all of it when the segment lies inside. */
  private CountedSpan counted(SegmentRollup rollup) {
    if (rollup.minTimestamp() >= fromNanos && rollup.maxTimestamp() <= toNanos) {
      return CountedSpan.ALL;
    }
    long from = rollup.minTimestamp() >= fromNanos ? Long.MIN_VALUE
        : Math.ceilDiv(fromNanos, SegmentRollup.MINUTE_NANOS) * SegmentRollup.MINUTE_NANOS;
    long to = rollup.maxTimestamp() <= toNanos ? Long.MAX_VALUE
        : Math.floorDiv(toNanos + 1, SegmentRollup.MINUTE_NANOS) * SegmentRollup.MINUTE_NANOS;
    return new CountedSpan(from, to);
  }

  private static DocIdSetIterator iterator(Scorer scorer) {
    return scorer == null ? DocIdSetIterator.empty() : scorer.iterator();
  }

  /** Whether {@code doc} matches; docs come in increasing order. */
  private static boolean matches(DocIdSetIterator matching, int doc) throws IOException {
    if (matching.docID() < doc) {
      matching.advance(doc);
    }
    return matching.docID() == doc;
  }

  private void add(GroupTable table, long bucket, SegmentRollup rollup, int pair, long events) {
    String[] texts = new String[byService.length];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = byService[i] ? rollup.service(pair) : rollup.level(pair);
    }
    Group group = table.group(GroupKey.of(bucket, texts));
    group.countEvents(events);
    for (int a = 0; a < group.size(); a++) {
      if (!(group.accumulator(a) instanceof CountAccumulator count)) {
        throw new IllegalStateException("BUG: a rollup fed " + group.accumulator(a) + ", not a count()");
      }
      count.addEvents(events);
    }
  }
}
