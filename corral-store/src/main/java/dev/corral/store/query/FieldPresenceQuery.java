package dev.corral.store.query;

import java.io.IOException;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.Weight;

/**
 * Matches the documents that have a value in one Lucene field, whatever the field's schema in each
 * segment: by its doc values or norms where it has them (Lucene's {@link FieldExistsQuery}, which
 * refuses a field with neither), else by its postings: every document when the field's terms
 * cover them all (read from the terms' statistics, no walk), else every term's documents. An identifier
 * keyword has postings only, except in partitions written by an earlier version, so one query may
 * meet both kinds. Immutable and thread-safe.
 */
public final class FieldPresenceQuery extends Query {
  private final String field;

  /** @param field the Lucene field */
  public FieldPresenceQuery(String field) {
    this.field = field;
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
    Weight fromDocValues = new FieldExistsQuery(field).createWeight(searcher, scoreMode, boost);
    Weight fromPostings = searcher.createWeight(searcher.rewrite(new TermRangeQuery(field, null, null, true, true)),
        scoreMode, boost);
    Weight everyDocument = searcher.createWeight(MatchAllDocsQuery.INSTANCE, scoreMode, boost);
    return new Weight(this) {
      private Weight of(LeafReaderContext context) throws IOException {
        FieldInfo info = context.reader().getFieldInfos().fieldInfo(field);
        if (info == null) {
          return null;
        }
        if (info.hasNorms() || info.getDocValuesType() != DocValuesType.NONE) {
          return fromDocValues;
        }
        Terms terms = context.reader().terms(field);
        return terms != null && terms.getDocCount() == context.reader().maxDoc() ? everyDocument : fromPostings;
      }

      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
        Weight weight = of(context);
        return weight == null ? null : weight.scorerSupplier(context);
      }

      @Override
      public int count(LeafReaderContext context) throws IOException {
        Weight weight = of(context);
        return weight == null ? 0 : weight.count(context);
      }

      @Override
      public Explanation explain(LeafReaderContext context, int doc) throws IOException {
        Weight weight = of(context);
        return weight == null ? Explanation.noMatch(field + " not in this segment") : weight.explain(context, doc);
      }

      @Override
      public boolean isCacheable(LeafReaderContext context) {
        FieldInfo info = context.reader().getFieldInfos().fieldInfo(field);
        boolean docValuesOrNorms = info != null && (info.hasNorms() || info.getDocValuesType() != DocValuesType.NONE);
        return !docValuesOrNorms || fromDocValues.isCacheable(context); // postings never change in a segment
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
  public String toString(String defaultField) {
    return "FieldPresence(" + field + ")";
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other) && field.equals(((FieldPresenceQuery) other).field);
  }

  @Override
  public int hashCode() {
    return 31 * classHash() + field.hashCode();
  }
}
