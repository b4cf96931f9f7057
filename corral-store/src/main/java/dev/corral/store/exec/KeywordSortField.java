package dev.corral.store.exec;

import java.io.IOException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.SortedSetSelector;
import org.apache.lucene.search.FieldComparator;
import org.apache.lucene.search.Pruning;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.search.comparators.TermOrdValComparator;

/**
 * Sorts by a keyword field by its smallest value per document, like {@link SortedSetSortField},
 * also in segments where the field has postings but no doc values (the identifiers): there its
 * values are read back from the postings ({@link PostingsOrdinalsCache}). A partition written by an
 * earlier version has doc values on an identifier and a newer one not, so the choice is per segment.
 */
final class KeywordSortField extends SortedSetSortField {
  KeywordSortField(String field, boolean reverse) {
    super(field, reverse);
  }

  @Override
  public FieldComparator<?> getComparator(int numHits, Pruning pruning) {
    return new TermOrdValComparator(numHits, getField(), getMissingValue() == STRING_LAST, getReverse(), pruning) {
      @Override
      protected SortedDocValues getSortedDocValues(LeafReaderContext context, String field) throws IOException {
        SortedDocValues fromPostings = PostingsOrdinalsCache.shared().sortedFromPostings(context.reader(), field);
        return fromPostings != null ? fromPostings
            : SortedSetSelector.wrap(DocValues.getSortedSet(context.reader(), field), SortedSetSelector.Type.MIN);
      }
    };
  }
}
