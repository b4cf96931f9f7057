package dev.corral.store.exec;

import dev.corral.query.plan.CompareOp;
import dev.corral.query.resolve.EventStep;
import dev.corral.query.resolve.FieldKind;
import dev.corral.query.resolve.WhereValue;
import dev.corral.store.index.FieldMapping;
import dev.corral.store.query.FieldPresenceQuery;
import dev.corral.store.query.NumberRangeQueries;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;

/**
 * An event-stage {@code | where f op v} as a Lucene filter with the semantics of {@code
 * dev.corral.query.table.WhereComparison} (shared with the in-memory evaluator):
 *
 * <ul>
 *   <li>An event without {@code f} never matches, not even with {@code !=}.
 *   <li>A numeric value of {@code f} compares numerically when {@code v} reads as a decimal number
 *       (doc values of {@code f#n}); otherwise its canonical text compares with {@code v} as text
 *       ({@link NumberTextQuery} over doc values).
 *   <li>A string value of {@code f} compares with {@code v} as text (terms and term ranges on the
 *       keyword field; Lucene orders by code point, {@code String.compareTo} by UTF-16 unit: the
 *       two differ only between supplementary characters and U+E000..U+FFFF).
 *   <li>{@code timestamp} compares as epoch ns with a number or an absolute time ({@code
 *       2026-11-21T17:00:00Z}); {@code level} is the keyword (text order, {@code WARN > ERROR}).
 *   <li>Full-text fields ({@code message}) have no exact per-event value in the index: refused.
 * </ul>
 *
 * Stateless.
 */
final class WhereClause {
  private WhereClause() {}

  /** The filter of a where on a visible, non-full-text field ({@code EventSteps} checked both). */
  static Query toFilter(EventStep.Where where) {
    String field = where.field().name();
    CompareOp op = where.op();
    WhereValue value = where.value();
    if (where.field().kind() == FieldKind.TIMESTAMP) {
      Long nanos = value.number() instanceof Long whole ? whole : value.number() == null ? value.timeNanos() : null;
      return nanos == null ? new NumberTextQuery(FieldMapping.TIMESTAMP, false, op, value.text())
          : longCompare(FieldMapping.TIMESTAMP, op, nanos);
    }
    String numeric = FieldMapping.numeric(field);
    Query numbers = value.number() == null ? new NumberTextQuery(numeric, true, op, value.text())
        : doubleCompare(numeric, op, value.number().doubleValue());
    Query texts = textCompare(FieldMapping.keyword(field), op, value.text());
    return new BooleanQuery.Builder().add(texts, Occur.SHOULD).add(numbers, Occur.SHOULD).build();
  }

  private static Query textCompare(String field, CompareOp op, String value) {
    return switch (op) {
      case EQ -> new TermQuery(new Term(field, value));
      case NE -> excluding(new FieldPresenceQuery(field), new TermQuery(new Term(field, value)));
      case LT -> TermRangeQuery.newStringRange(field, null, value, true, false);
      case LE -> TermRangeQuery.newStringRange(field, null, value, true, true);
      case GT -> TermRangeQuery.newStringRange(field, value, null, false, true);
      case GE -> TermRangeQuery.newStringRange(field, value, null, true, true);
    };
  }

  /** Numeric comparison; -0.0 equals 0.0 as in {@code ValueOrder.compareNumbers}. */
  private static Query doubleCompare(String field, CompareOp op, double v) {
    double low = v == 0 ? -0.0 : v;
    double high = v == 0 ? 0.0 : v;
    double inf = Double.POSITIVE_INFINITY;
    return switch (op) {
      case EQ -> NumberRangeQueries.between(field, low, high);
      case NE -> excluding(new FieldExistsQuery(field), NumberRangeQueries.between(field, low, high));
      case LT -> NumberRangeQueries.between(field, -inf, Math.nextDown(low));
      case LE -> NumberRangeQueries.between(field, -inf, high);
      case GT -> NumberRangeQueries.between(field, Math.nextUp(high), inf);
      case GE -> NumberRangeQueries.between(field, low, inf);
    };
  }

  private static Query longCompare(String field, CompareOp op, long v) {
    return switch (op) {
      case EQ -> LongPoint.newExactQuery(field, v);
      case NE -> excluding(new FieldExistsQuery(field), LongPoint.newExactQuery(field, v));
      case LT -> v == Long.MIN_VALUE ? LongPoint.newSetQuery(field) : LongPoint.newRangeQuery(field, Long.MIN_VALUE, v - 1);
      case LE -> LongPoint.newRangeQuery(field, Long.MIN_VALUE, v);
      case GT -> v == Long.MAX_VALUE ? LongPoint.newSetQuery(field) : LongPoint.newRangeQuery(field, v + 1, Long.MAX_VALUE);
      case GE -> LongPoint.newRangeQuery(field, v, Long.MAX_VALUE);
    };
  }

  private static Query excluding(Query all, Query excluded) {
    return new BooleanQuery.Builder().add(all, Occur.FILTER).add(excluded, Occur.MUST_NOT).build();
  }

}
