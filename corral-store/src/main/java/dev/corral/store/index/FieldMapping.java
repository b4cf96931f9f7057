package dev.corral.store.index;

import dev.corral.model.FieldNames;
import dev.corral.query.resolve.TextAnalysis;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/**
 * How canonical event fields become Lucene fields: the one place that names Lucene fields.
 * {@link EventDocumentBuilder} writes with these names and {@code LuceneQueryBuilder} reads with
 * them, so the two cannot drift apart.
 *
 * <ul>
 *   <li>{@code timestamp}: points + numeric doc values, epoch nanoseconds; what queries sort by.
 *   <li>{@code message}, {@code exception.stacktrace}: analyzed text ({@link #analyzer()}).
 *   <li>{@code level} and every other string or boolean: a keyword under {@link #keyword(String)}:
 *       postings with documents only (no frequencies, no positions) and sorted-set doc values.
 *   <li>the random identifiers ({@link #isIdentifier}: {@code trace_id}, {@code span_id}, {@code
 *       request_id}, {@code parent_span_id}): a keyword with postings only, no doc values. Their
 *       values are nearly unique, so doc values would hold every id a second time (a third with the
 *       source) for the rare aggregation or sort on them; those read the postings instead.
 *   <li>numbers (long or double): sortable doc values under {@link #numeric(String)}, no points
 *       (ranges run on the doc values). Numbers get their own Lucene field because Lucene allows
 *       one schema per field name, and a field may hold a string in one event and a number in the
 *       next.
 *   <li>{@link #SOURCE}: the event's canonical JSON, the only stored field.
 * </ul>
 *
 * <p>Name encoding: a keyword field keeps the user's name, with every {@code #} doubled, so
 * keyword names only ever contain even runs of {@code #}. A numeric field is the encoded name
 * plus {@code "#n"}, which ends in an odd run. Internal fields start with a single {@code #} (or
 * are {@code _source}, whose user namesake is moved to {@code #_source}). So no user field can
 * collide with another's Lucene schema, whatever its name.
 *
 * <p>A partition written by an earlier version keeps its fields' schema: {@link PartitionSchema}
 * says, per partition, where an identifier still has doc values or a number still has points.
 * Stateless and thread-safe.
 */
public final class FieldMapping {
  /** Epoch-nanosecond time of the event: points and doc values (queries sort by it). */
  public static final String TIMESTAMP = FieldNames.TIMESTAMP;
  /** Severity as an uppercase keyword (TRACE … FATAL). */
  public static final String LEVEL = FieldNames.LEVEL;
  /** The event's canonical JSON bytes, stored and never indexed. */
  public static final String SOURCE = "_source";
  /**
   * Keyword field holding the names of fields whose value was not indexed (a string longer than
   * the keyword limit, or a document that Lucene rejected), so that {@code field:*} still finds
   * them.
   */
  public static final String IGNORED = "#ignored";
  /** Value of {@link #IGNORED} for events indexed by their timestamp, level and source only. */
  public static final String IGNORED_WHOLE_DOCUMENT = "#document";

  /**
   * The canonical random-identifier fields, indexed without doc values: high-cardinality values
   * looked up by equality, rarely aggregated.
   */
  private static final Set<String> IDENTIFIERS = Set.of(FieldNames.TRACE_ID, FieldNames.SPAN_ID,
      FieldNames.REQUEST_ID, "parent_span_id");

  /** Suffix of a field's numeric twin. */
  private static final String NUMERIC_SUFFIX = "#n";

  /** Events newest first, in the index and in results. */
  public static final Sort NEWEST_FIRST = new Sort(new SortField(TIMESTAMP, SortField.Type.LONG, true));

  /**
   * Hard upper bound for the keyword length limit: Lucene rejects terms longer than this, and a
   * rejected term would fail the whole document.
   */
  public static final int MAX_KEYWORD_BYTES_LIMIT = IndexWriter.MAX_TERM_LENGTH;


  private FieldMapping() {}

  /**
   * The analyzer of the full-text fields: Unicode word boundaries, lowercased, no stop words. The
   * one a query's words are cut with ({@link TextAnalysis#analyzer()}), so indexed words and query
   * words always agree. Shared; Lucene analyzers are thread-safe.
   */
  public static Analyzer analyzer() {
    return TextAnalysis.analyzer();
  }

  /** Whether the canonical field is analyzed text ({@code message}, {@code exception.stacktrace}). */
  public static boolean isFullText(String field) {
    return FieldNames.FULL_TEXT.contains(field);
  }

  /**
   * Whether the event field is a random identifier, whose keyword has postings but no doc values
   * (unless its partition was written with them, {@link PartitionSchema}).
   */
  public static boolean isIdentifier(String field) {
    return IDENTIFIERS.contains(field);
  }

  /** The full-text fields that a query without a field searches. */
  public static Set<String> defaultFields() {
    return FieldNames.FULL_TEXT;
  }

  /**
   * The canonical spelling of a field name typed in a query: reserved names ({@code LEVEL},
   * {@code Service}) match case-insensitively, other names are case-sensitive and kept.
   */
  public static String resolve(String typed) {
    return FieldNames.canonical(typed);
  }

  /** The Lucene field of a string, boolean or text value of {@code field}. */
  public static String keyword(String field) {
    if (field.indexOf('#') < 0) {
      return field.equals(SOURCE) ? "#" + SOURCE : field;
    }
    return field.replace("#", "##");
  }

  /**
   * The event field a Lucene field holds values of — the inverse of {@link #keyword} and
   * {@link #numeric} — or {@code null} for Corral's own fields ({@code _source}, {@code #ignored}).
   */
  public static String eventField(String luceneField) {
    if (luceneField.equals(SOURCE) || luceneField.equals(IGNORED)) {
      return null;
    }
    StringBuilder name = new StringBuilder(luceneField.length());
    for (int i = 0; i < luceneField.length(); i++) {
      char c = luceneField.charAt(i);
      if (c != '#') {
        name.append(c);
      } else if (i + 1 < luceneField.length() && luceneField.charAt(i + 1) == '#') {
        name.append('#');
        i++;
      } else if (luceneField.startsWith(NUMERIC_SUFFIX, i) && i + NUMERIC_SUFFIX.length() == luceneField.length()) {
        break;
      } else if (luceneField.startsWith("#" + SOURCE, i) && i == 0) {
        return SOURCE;
      } else {
        return null;
      }
    }
    return name.toString();
  }

  /** The Lucene field of a numeric value of {@code field}: sortable doc values (and points in older partitions). */
  public static String numeric(String field) {
    return keyword(field) + NUMERIC_SUFFIX;
  }
}
