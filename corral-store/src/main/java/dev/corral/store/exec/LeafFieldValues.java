package dev.corral.store.exec;

import dev.corral.query.resolve.FullTextRefusal;
import dev.corral.query.table.NumberText;
import dev.corral.store.index.FieldMapping;
import java.io.IOException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.util.NumericUtils;

/**
 * The value of one event field in one segment, read from doc values only (never the stored
 * source): a keyword (sorted-set doc values of the keyword field, as a segment ordinal; for a
 * keyword indexed without doc values, such as an identifier, the ordinals read back from its
 * postings by {@link PostingsOrdinalsCache}), a number
 * (the {@code #n} twin's sortable doc values) or, for {@code timestamp}, its long doc values. An
 * event holds at most one value per field; should a document hold several, the first (smallest)
 * is used, and a keyword wins over a number.
 *
 * <p>Usage per document: {@link #advance(int)} in increasing doc order, then {@link #kind()} and
 * {@link #code()} (cheap: an ordinal or number bits, no allocation) or {@link #text()} /
 * {@link #number()}. Keyword texts are resolved once per ordinal and cached for small
 * dictionaries. Not thread-safe: one per segment per collector.
 */
final class LeafFieldValues {
  static final int MISSING = 0;
  static final int KEYWORD = 1;
  static final int NUMBER = 2;
  static final int LONG = 3;

  /** Segments with at most this many distinct keywords cache every resolved text (≤ 64k refs). */
  private static final int MAX_CACHED_ORDINALS = 1 << 16;

  private final SortedSetDocValues keywords;
  private final SortedNumericDocValues numbers;
  private final NumericDocValues longs;
  private final String[] texts;
  private int kind;
  private long code;

  private LeafFieldValues(SortedSetDocValues keywords, SortedNumericDocValues numbers, NumericDocValues longs) {
    this.keywords = keywords;
    this.numbers = numbers;
    this.longs = longs;
    long count = keywords == null ? 0 : keywords.getValueCount();
    this.texts = count > 0 && count <= MAX_CACHED_ORDINALS ? new String[(int) count] : null;
  }

  /**
   * The reader of {@code field} (already resolved) in {@code reader}; a field that is not {@code
   * visible} reads as missing in every document.
   *
   * @throws IllegalArgumentException for a full-text field, which has no per-event value
   */
  static LeafFieldValues open(LeafReader reader, String field, boolean visible) throws IOException {
    FullTextRefusal.checkAggregate(field);
    if (!visible) {
      return new LeafFieldValues(null, null, null);
    }
    if (field.equals(FieldMapping.TIMESTAMP)) {
      return new LeafFieldValues(null, null, DocValues.getNumeric(reader, FieldMapping.TIMESTAMP));
    }
    return new LeafFieldValues(PostingsOrdinalsCache.keywords(reader, FieldMapping.keyword(field)),
        reader.getSortedNumericDocValues(FieldMapping.numeric(field)), null);
  }

  /** Positions on {@code doc}; docs must come in increasing order. */
  void advance(int doc) throws IOException {
    if (keywords != null && keywords.advanceExact(doc)) {
      kind = KEYWORD;
      code = keywords.nextOrd();
    } else if (numbers != null && numbers.advanceExact(doc)) {
      kind = NUMBER;
      code = numbers.nextValue();
    } else if (longs != null && longs.advanceExact(doc)) {
      kind = LONG;
      code = longs.longValue();
    } else {
      kind = MISSING;
      code = 0;
    }
  }

  /** {@link #MISSING}, {@link #KEYWORD}, {@link #NUMBER} or {@link #LONG}. */
  int kind() {
    return kind;
  }

  /** Identifies the value within this segment and kind: ordinal, sortable double bits, or the long. */
  long code() {
    return code;
  }

  /** The value as a double; only for {@link #NUMBER} and {@link #LONG}. */
  double number() {
    return kind == NUMBER ? NumericUtils.sortableLongToDouble(code) : code;
  }

  /** The value's text (a number's canonical text, {@link NumberText}), or null when missing. */
  String text() throws IOException {
    return switch (kind) {
      case KEYWORD -> keyword(code);
      case NUMBER -> NumberText.of(NumericUtils.sortableLongToDouble(code));
      case LONG -> Long.toString(code);
      default -> null;
    };
  }

  private String keyword(long ord) throws IOException {
    if (texts == null) {
      return keywords.lookupOrd(ord).utf8ToString();
    }
    String text = texts[(int) ord];
    if (text == null) {
      text = keywords.lookupOrd(ord).utf8ToString();
      texts[(int) ord] = text;
    }
    return text;
  }
}
