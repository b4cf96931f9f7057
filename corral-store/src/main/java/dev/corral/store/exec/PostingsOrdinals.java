package dev.corral.store.exec;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;

/**
 * The per-document ordinals of a keyword field that has postings but no doc values (the random
 * identifiers, {@code FieldMapping.isIdentifier}), rebuilt in memory from one segment's terms and
 * postings: an "uninverted" view that reads like the sorted doc values the field does not have.
 * Ordinals follow the terms' order, as doc values' ordinals do; a document with several terms
 * takes the smallest (as {@link LeafFieldValues} reads the first value of sorted-set doc values).
 *
 * <p>Building walks every term and its postings once: time and memory grow with the segment's
 * documents and distinct values ({@link #ramBytes()}), which is why {@link PostingsOrdinalsCache}
 * keeps built ones per segment within a memory budget. Immutable once built and shared between
 * threads; each {@link #docValues()} is a fresh iterator for one thread.
 */
final class PostingsOrdinals {
  private static final int MISSING = -1;

  private final int[] ordinalByDoc;
  private final byte[] termBytes;
  private final int[] termStarts;
  private final int termCount;

  private PostingsOrdinals(int[] ordinalByDoc, byte[] termBytes, int[] termStarts, int termCount) {
    this.ordinalByDoc = ordinalByDoc;
    this.termBytes = termBytes;
    this.termStarts = termStarts;
    this.termCount = termCount;
  }

  /**
   * Walks the terms of {@code field} in {@code reader}; null when the segment has no terms of it.
   *
   * @throws IllegalStateException when the segment's terms of the field pass 2 GB, beyond what one
   *     array holds
   */
  static PostingsOrdinals build(LeafReader reader, String field) throws IOException {
    Terms terms = reader.terms(field);
    if (terms == null) {
      return null;
    }
    int[] ordinalByDoc = new int[reader.maxDoc()];
    Arrays.fill(ordinalByDoc, MISSING);
    byte[] bytes = new byte[1024];
    int[] starts = new int[64];
    int count = 0;
    int length = 0;
    TermsEnum termsEnum = terms.iterator();
    PostingsEnum postings = null;
    for (BytesRef term = termsEnum.next(); term != null; term = termsEnum.next()) {
      if ((long) length + term.length > ArrayUtil.MAX_ARRAY_LENGTH) {
        throw new IllegalStateException("terms of " + field + " in segment " + reader + " pass "
            + ArrayUtil.MAX_ARRAY_LENGTH + " bytes; too many to read back from the postings");
      }
      starts = ArrayUtil.grow(starts, count + 2);
      starts[count] = length;
      bytes = ArrayUtil.grow(bytes, length + term.length);
      System.arraycopy(term.bytes, term.offset, bytes, length, term.length);
      length += term.length;
      postings = termsEnum.postings(postings, PostingsEnum.NONE);
      for (int doc = postings.nextDoc(); doc != PostingsEnum.NO_MORE_DOCS; doc = postings.nextDoc()) {
        if (ordinalByDoc[doc] == MISSING) {
          ordinalByDoc[doc] = count;
        }
      }
      count++;
    }
    starts = ArrayUtil.grow(starts, count + 1);
    starts[count] = length;
    return new PostingsOrdinals(ordinalByDoc, ArrayUtil.copyOfSubArray(bytes, 0, length),
        ArrayUtil.copyOfSubArray(starts, 0, count + 1), count);
  }

  /** Heap held: the ordinal per document, the terms' bytes and their offsets. */
  long ramBytes() {
    return 4L * ordinalByDoc.length + termBytes.length + 4L * termStarts.length;
  }

  /** A new iterator over the ordinals, like the field's sorted doc values would be; for one thread. */
  SortedDocValues docValues() {
    return new SortedDocValues() {
      private final BytesRef term = new BytesRef(termBytes);
      private int doc = -1;

      @Override
      public int ordValue() {
        return ordinalByDoc[doc];
      }

      @Override
      public BytesRef lookupOrd(int ord) {
        term.offset = termStarts[ord];
        term.length = termStarts[ord + 1] - termStarts[ord];
        return term;
      }

      @Override
      public int getValueCount() {
        return termCount;
      }

      @Override
      public boolean advanceExact(int target) {
        doc = target;
        return ordinalByDoc[target] != MISSING;
      }

      @Override
      public int docID() {
        return doc;
      }

      @Override
      public int nextDoc() {
        return advance(doc + 1);
      }

      @Override
      public int advance(int target) {
        for (int d = target; d < ordinalByDoc.length; d++) {
          if (ordinalByDoc[d] != MISSING) {
            return doc = d;
          }
        }
        return doc = NO_MORE_DOCS;
      }

      @Override
      public long cost() {
        return ordinalByDoc.length;
      }
    };
  }
}
