package dev.corral.store.exec;

import dev.corral.query.plan.CompareOp;
import dev.corral.query.table.NumberText;
import dev.corral.query.table.WhereComparison;
import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.NumericUtils;

/**
 * Numeric doc values whose text compares with a text value: {@code | where f > abc} on events
 * where {@code f} is a number compares the number's canonical text ({@link NumberText}; a long
 * field such as {@code timestamp} prints its digits) with {@code abc}, as the in-memory evaluator
 * does. Reads doc values of every document that has the field (two-phase, so it only verifies the
 * candidates of the other clauses). Immutable.
 */
final class NumberTextQuery extends Query {
  private final String field;
  private final boolean sortableDouble;
  private final CompareOp op;
  private final String value;

  /**
   * @param field a Lucene field with numeric or sorted-numeric doc values
   * @param sortableDouble whether values are doubles encoded by {@link NumericUtils#doubleToSortableLong}
   *     (else plain longs)
   */
  NumberTextQuery(String field, boolean sortableDouble, CompareOp op, String value) {
    this.field = Objects.requireNonNull(field, "field");
    this.sortableDouble = sortableDouble;
    this.op = Objects.requireNonNull(op, "op");
    this.value = Objects.requireNonNull(value, "value");
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new ConstantScoreWeight(this, boost) {
      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
        if (context.reader().getFieldInfos().fieldInfo(field) == null) {
          return null;
        }
        SortedNumericDocValues values = DocValues.getSortedNumeric(context.reader(), field);
        TwoPhaseIterator matching = new TwoPhaseIterator(values) {
          @Override
          public boolean matches() throws IOException {
            long raw = values.nextValue();
            String text = sortableDouble ? NumberText.of(NumericUtils.sortableLongToDouble(raw)) : Long.toString(raw);
            return WhereComparison.holds(op, text.compareTo(value));
          }

          @Override
          public float matchCost() {
            return 20;
          }
        };
        return new DefaultScorerSupplier(new ConstantScoreScorer(score(), scoreMode, matching));
      }

      @Override
      public boolean isCacheable(LeafReaderContext context) {
        return DocValues.isCacheable(context, field);
      }
    };
  }

  @Override
  public void visit(QueryVisitor visitor) {
    if (visitor.acceptField(field)) {
      visitor.visitLeaf(this);
    }
  }

  @Override
  public String toString(String ignored) {
    return "NumberText(" + field + " " + op.symbol() + " " + value + ")";
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other) && field.equals(((NumberTextQuery) other).field)
        && sortableDouble == ((NumberTextQuery) other).sortableDouble && op == ((NumberTextQuery) other).op
        && value.equals(((NumberTextQuery) other).value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), field, sortableDouble, op, value);
  }
}
