package dev.corral.opensearch.mapping;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.model.FieldNames;

/**
 * The {@code mappings} of the index template of Corral's daily indices, mirroring the Lucene
 * store's field semantics (corral-store {@code FieldMapping}) so that one query means the same on
 * both backends:
 *
 * <ul>
 *   <li>{@code timestamp}: {@code date_nanos} (the canonical ISO-8601 text, nanoseconds kept).
 *   <li>{@code level}: {@code keyword} (the uppercase level name).
 *   <li>{@code message}, {@code exception.stacktrace}: {@code text} with OpenSearch's {@code standard}
 *       analyzer, which is Corral's ({@code TextAnalysis}: Lucene's StandardAnalyzer, lowercased, no stop
 *       words, words over 255 chars split). {@code exception.stacktrace} also gets the numeric twin below
 *       (a number in that field matches a numeric term, as on the Lucene store); {@code message} is always
 *       a string in the canonical form and gets none.
 *   <li>Every other field, whatever JSON type it has (string, long, double, boolean), the same mapping: a
 *       {@code keyword} with doc values and {@code ignore_above} the keyword limit, plus a numeric twin
 *       {@link #NUMBER} ({@code double}, {@code coerce: false}, {@code ignore_malformed: true}). The
 *       Lucene store keeps a field's strings and numbers apart (a keyword and a numeric twin); OpenSearch
 *       allows one type per field name, so the twin is a sub-field: a JSON number is indexed in both (the
 *       keyword holds its text), a string or boolean only in the keyword (the twin refuses it: no
 *       coercion, and the malformed value is ignored, recorded in {@link #IGNORED} as {@code f.n}). So
 *       "the field holds a string" is {@code keyword and not exists f.n}, "a number" is {@code f.n}, and
 *       the first value an index sees never decides the type of the others: {@code status} may hold
 *       {@code 500} in one event and {@code "OK"} in the next, as on the local store.
 *   <li>{@link #OVERFLOW}: {@code flat_object}, the fields beyond the per-index field limit (the writer
 *       moves them there; the reader puts them back into the source). Found by {@code f:*} ({@link
 *       #overflow}), not by value, like the Lucene store's fields beyond {@code
 *       store.max_fields_per_partition}.
 * </ul>
 *
 * <p>Date and numeric detection are off: a string that looks like a date or a number stays a string.
 * Each event field costs two mapped fields (keyword and twin) against {@code
 * index.mapping.total_fields.limit}: {@link #mappedFieldsPerEventField()}.
 *
 * <p>Differences from the local store, documented in docs/scale-out.md: {@code ignore_above} counts
 * characters where Corral counts UTF-8 bytes, so a non-ASCII string of at most that many characters but
 * more bytes is indexed by OpenSearch and not by Corral (the read side re-checks every fetched event with
 * Corral's own filter, so only pushed-down counts can see it). Stateless.
 */
public final class EventMappings {
  /** The numeric twin of a value field: {@code status.n}. */
  public static final String NUMBER = "n";
  /** OpenSearch's metadata field listing, per document, the fields whose value it did not index. */
  public static final String IGNORED = "_ignored";
  /** Where the writer puts the fields beyond the per-index field limit: one {@code flat_object}. */
  public static final String OVERFLOW = "overflow";
  /** Keyword limit when none is configured: corral-query's {@code EventFilter.DEFAULT_MAX_KEYWORD_BYTES}. */
  public static final int DEFAULT_MAX_KEYWORD_BYTES = 1024;
  /**
   * Most characters {@code ignore_above} may allow: Lucene refuses a term over 32766 UTF-8 bytes, which
   * would reject the whole document; a character takes at most 3 bytes in UTF-8 (4 for a surrogate pair,
   * which is 2 chars).
   */
  public static final int MAX_IGNORE_ABOVE = 32766 / 3;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  /** OpenSearch's analyzer with the tokenizer and filters of Corral's {@code TextAnalysis}. */
  private static final String ANALYZER = "standard";

  private EventMappings() {}

  /**
   * The template's {@code mappings} object.
   *
   * @param maxKeywordBytes {@code store.max_keyword_bytes}: strings longer are not indexed as keywords
   * @throws IllegalArgumentException when it is not in 1..{@value #MAX_IGNORE_ABOVE}
   */
  public static ObjectNode mappings(int maxKeywordBytes) {
    if (maxKeywordBytes < 1 || maxKeywordBytes > MAX_IGNORE_ABOVE) {
      throw new IllegalArgumentException("store.max_keyword_bytes (" + maxKeywordBytes + ") must be in 1.."
          + MAX_IGNORE_ABOVE + " for the OpenSearch store (Lucene's term limit of 32766 bytes)");
    }
    ObjectNode mappings = JSON.objectNode();
    mappings.put("dynamic", true);
    mappings.put("date_detection", false);
    mappings.put("numeric_detection", false);
    ArrayNode templates = mappings.putArray("dynamic_templates");
    ObjectNode stacktrace = JSON.objectNode();
    stacktrace.put("path_match", FieldNames.EXCEPTION_STACKTRACE);
    stacktrace.set("mapping", fullText().set("fields", JSON.objectNode().set(NUMBER, numberTwin())));
    templates.add(JSON.objectNode().set("full_text_stacktrace", stacktrace));
    for (String type : new String[] {"string", "long", "double", "boolean"}) {
      ObjectNode template = JSON.objectNode();
      template.put("match_mapping_type", type);
      template.set("mapping", value(maxKeywordBytes));
      templates.add(JSON.objectNode().set("value_" + type, template));
    }
    ObjectNode properties = mappings.putObject("properties");
    properties.putObject(FieldNames.TIMESTAMP).put("type", "date_nanos");
    properties.putObject(FieldNames.LEVEL).put("type", "keyword");
    properties.set(FieldNames.MESSAGE, fullText());
    properties.putObject(OVERFLOW).put("type", "flat_object");
    return mappings;
  }

  /** Mapped fields one event field takes against {@code index.mapping.total_fields.limit}: the keyword and its twin. */
  public static int mappedFieldsPerEventField() {
    return 2;
  }

  /** The field holding a numeric value of {@code field} (a canonical event field name). */
  public static String number(String field) {
    return field + "." + NUMBER;
  }

  /** Where {@code field} is when the writer moved it under {@link #OVERFLOW}: {@code exists} finds it there. */
  public static String overflow(String field) {
    return OVERFLOW + "." + field;
  }

  /** The value recorded in {@link #IGNORED} for a document whose {@code field} holds no number (a string, a boolean). */
  public static String ignoredNumber(String field) {
    return number(field);
  }

  private static ObjectNode fullText() {
    return JSON.objectNode().put("type", "text").put("analyzer", ANALYZER);
  }

  private static ObjectNode value(int maxKeywordBytes) {
    ObjectNode keyword = JSON.objectNode().put("type", "keyword").put("ignore_above", maxKeywordBytes)
        .put("doc_values", true);
    keyword.set("fields", JSON.objectNode().set(NUMBER, numberTwin()));
    return keyword;
  }

  private static ObjectNode numberTwin() {
    return JSON.objectNode().put("type", "double").put("coerce", false).put("ignore_malformed", true);
  }
}
