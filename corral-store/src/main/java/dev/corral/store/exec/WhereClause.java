package dev.corral.store.exec;

import dev.corral.query.plan.CompareOp;
import dev.corral.query.plan.WherePipe;
import dev.corral.query.resolve.FullTextRefusal;
import dev.corral.store.index.FieldMapping;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.regex.Pattern;
import org.apache.lucene.document.DoublePoint;
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
 *       (points on {@code f#n}); otherwise its canonical text compares with {@code v} as text
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
  private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  /** Longest value read as a number, as WhereComparison reads it. */
  private static final int MAX_NUMBER_CHARS = 40;

  private WhereClause() {}

  static Query toFilter(WherePipe where) {
    String field = FieldMapping.resolve(where.column());
    CompareOp op = where.op();
    String value = where.value();
    FullTextRefusal.checkWhere(field, value);
    if (field.equals(FieldMapping.TIMESTAMP)) {
      Long nanos = timeValue(value);
      return nanos == null ? new NumberTextQuery(FieldMapping.TIMESTAMP, false, op, value)
          : longCompare(FieldMapping.TIMESTAMP, op, nanos);
    }
    Double number = decimal(value);
    String numeric = FieldMapping.numeric(field);
    Query numbers = number == null ? new NumberTextQuery(numeric, true, op, value) : doubleCompare(numeric, op, number);
    Query texts = textCompare(FieldMapping.keyword(field), op, value);
    return new BooleanQuery.Builder().add(texts, Occur.SHOULD).add(numbers, Occur.SHOULD).build();
  }

  private static Query textCompare(String field, CompareOp op, String value) {
    return switch (op) {
      case EQ -> new TermQuery(new Term(field, value));
      case NE -> excluding(new FieldExistsQuery(field), new TermQuery(new Term(field, value)));
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
      case EQ -> DoublePoint.newRangeQuery(field, low, high);
      case NE -> excluding(new FieldExistsQuery(field), DoublePoint.newRangeQuery(field, low, high));
      case LT -> DoublePoint.newRangeQuery(field, -inf, Math.nextDown(low));
      case LE -> DoublePoint.newRangeQuery(field, -inf, high);
      case GT -> DoublePoint.newRangeQuery(field, Math.nextUp(high), inf);
      case GE -> DoublePoint.newRangeQuery(field, low, inf);
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

  /** {@code v} as a decimal number, as WhereComparison reads it, or null. */
  static Double decimal(String value) {
    if (value.length() > MAX_NUMBER_CHARS || !DECIMAL.matcher(value).matches()) {
      return null;
    }
    double d = new BigDecimal(value.startsWith("+") ? value.substring(1) : value).doubleValue();
    return Double.isFinite(d) ? d : null;
  }

  /** {@code v} as epoch ns: a whole decimal number or an absolute time; null otherwise. */
  private static Long timeValue(String value) {
    if (value.length() <= MAX_NUMBER_CHARS && DECIMAL.matcher(value).matches()) {
      BigDecimal decimal = new BigDecimal(value.startsWith("+") ? value.substring(1) : value);
      try {
        return decimal.longValueExact();
      } catch (ArithmeticException fractionOrTooLarge) {
        return null;
      }
    }
    if (value.startsWith("now")) {
      return null;
    }
    try {
      return dev.corral.model.Timestamps.toNanos(dev.corral.query.TimeExpression.parse(value, Instant.EPOCH));
    } catch (RuntimeException notATime) {
      return null;
    }
  }
}
