package dev.corral.store.exec;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.BitSetIterator;

/**
 * Matches a fixed set of documents of one reader, by their top-level doc ids: the events a
 * {@code | head} kept, when later pipes (where, sort, an aggregation) act on just those. Only
 * valid on the reader it was made for; equality is identity of that reader plus the ids, and it
 * is never cached. Immutable.
 */
final class DocSetQuery extends Query {
  private final IndexReader reader;
  private final int[] docs;

  /** @param docs top-level doc ids of {@code reader}; copied and sorted */
  DocSetQuery(IndexReader reader, int[] docs) {
    this.reader = reader;
    this.docs = docs.clone();
    Arrays.sort(this.docs);
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    if (searcher.getIndexReader() != reader) {
      throw new IllegalStateException("BUG: a doc-set query runs on another reader than the one it was made for");
    }
    return new ConstantScoreWeight(this, boost) {
      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
        DocIdSetIterator iterator = leafDocs(context);
        if (iterator == null) {
          return null;
        }
        return new DefaultScorerSupplier(new ConstantScoreScorer(score(), scoreMode, iterator));
      }

      @Override
      public boolean isCacheable(LeafReaderContext context) {
        return false;
      }
    };
  }

  private DocIdSetIterator leafDocs(LeafReaderContext context) {
    int base = context.docBase;
    int max = context.reader().maxDoc();
    int from = lowerBound(base);
    int to = lowerBound(base + max);
    if (from == to) {
      return null;
    }
    FixedBitSet bits = new FixedBitSet(max);
    for (int i = from; i < to; i++) {
      bits.set(docs[i] - base);
    }
    return new BitSetIterator(bits, to - from);
  }

  /** Index of the first id at or above {@code doc}. */
  private int lowerBound(int doc) {
    int i = Arrays.binarySearch(docs, doc);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && docs[i - 1] == doc) {
      i--;
    }
    return i;
  }

  @Override
  public void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  @Override
  public String toString(String field) {
    return "DocSet(" + docs.length + " docs)";
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other) && reader == ((DocSetQuery) other).reader
        && Arrays.equals(docs, ((DocSetQuery) other).docs);
  }

  @Override
  public int hashCode() {
    return 31 * classHash() + Arrays.hashCode(docs);
  }
}
