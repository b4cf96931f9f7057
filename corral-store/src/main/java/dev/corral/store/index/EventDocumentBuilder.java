package dev.corral.store.index;

import dev.corral.model.EventBatch;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;
import org.apache.lucene.util.UnicodeUtil;

/**
 * Turns the events of a batch into Lucene documents following {@link FieldMapping}. On the
 * indexing hot path: the fixed fields (timestamp, level, message, source) and the document list
 * are reused from one event to the next, as Lucene allows once {@code IndexWriter.addDocument}
 * has returned, and the source is referenced in place in the batch bytes, never copied.
 *
 * <p><b>Not thread-safe:</b> one instance per indexing thread; a returned document is valid until
 * the next call.
 */
public final class EventDocumentBuilder {
  /** Numeric-name cache size bound: enough for every field of a typical service, small in heap. */
  private static final int MAX_CACHED_NAMES = 4096;

  private static final BytesRef[] LEVELS = levelTerms();

  private final int maxKeywordBytes;
  private final LongPoint timestampPoint = new LongPoint(FieldMapping.TIMESTAMP, 0L);
  private final NumericDocValuesField timestampValues = new NumericDocValuesField(FieldMapping.TIMESTAMP, 0L);
  private final KeywordField level = new KeywordField(FieldMapping.LEVEL, LEVELS[0], Field.Store.NO);
  private final TextField message = new TextField(dev.corral.model.FieldNames.MESSAGE, "", Field.Store.NO);
  private final BytesRef sourceRef = new BytesRef();
  private final StoredField source = new StoredField(FieldMapping.SOURCE, sourceRef);
  private final List<IndexableField> document = new ArrayList<>(64);
  private final Map<String, String> numericNames = new HashMap<>();

  /** @param maxKeywordBytes strings with a longer UTF-8 form are kept in the source but not indexed */
  public EventDocumentBuilder(int maxKeywordBytes) {
    if (maxKeywordBytes < 1 || maxKeywordBytes > FieldMapping.MAX_KEYWORD_BYTES_LIMIT) {
      throw new IllegalArgumentException("maxKeywordBytes (" + maxKeywordBytes + ") must be in 1.."
          + FieldMapping.MAX_KEYWORD_BYTES_LIMIT);
    }
    this.maxKeywordBytes = maxKeywordBytes;
  }

  /**
   * The full document of event {@code i} with every field indexed the current way ({@link
   * PartitionSchema#CURRENT}); valid until the next call.
   */
  public List<IndexableField> document(EventBatch batch, int i) {
    return document(batch, i, FieldBudget.UNLIMITED, PartitionSchema.CURRENT);
  }

  /**
   * The full document of event {@code i}, indexing only the fields {@code budget} admits (the others
   * stay in the source, their names under {@link FieldMapping#IGNORED}), each the way {@code schema}
   * says its partition has it; valid until the next call on this builder.
   */
  public List<IndexableField> document(EventBatch batch, int i, FieldBudget budget, PartitionSchema schema) {
    LogEvent event = batch.events().get(i);
    fixedFields(batch, i);
    message.setStringValue(event.message());
    document.add(message);
    Fields fields = event.fields();
    for (int f = 0; f < fields.size(); f++) {
      String name = fields.name(f);
      if (budget.admits(name)) {
        addField(name, fields.value(f), schema);
      } else {
        document.add(new StringField(FieldMapping.IGNORED, name, Field.Store.NO));
      }
    }
    return document;
  }

  /**
   * A minimal document for event {@code i}: timestamp, level and source only, marked as not
   * indexed. Used when Lucene rejects the full document, so the event is still stored and found
   * by time. Valid until the next call on this builder.
   */
  public List<IndexableField> fallbackDocument(EventBatch batch, int i) {
    fixedFields(batch, i);
    document.add(new StringField(FieldMapping.IGNORED, FieldMapping.IGNORED_WHOLE_DOCUMENT, Field.Store.NO));
    return document;
  }

  private void fixedFields(EventBatch batch, int i) {
    LogEvent event = batch.events().get(i);
    document.clear();
    timestampPoint.setLongValue(event.timestamp());
    timestampValues.setLongValue(event.timestamp());
    level.setBytesValue(LEVELS[event.level().ordinal()]);
    sourceRef.bytes = batch.source();
    sourceRef.offset = batch.lineStart(i);
    sourceRef.length = batch.lineLength(i);
    source.setBytesValue(sourceRef);
    document.add(timestampPoint);
    document.add(timestampValues);
    document.add(level);
    document.add(source);
  }

  private void addField(String name, Object value, PartitionSchema schema) {
    switch (value) {
      case String s -> addString(name, s, schema);
      case Long l -> addNumber(name, l.doubleValue(), schema);
      case Double d -> addNumber(name, d, schema);
      case Boolean b -> addString(name, b ? "true" : "false", schema);
      default -> throw new IllegalStateException("BUG: unsupported field value " + value.getClass());
    }
  }

  private void addString(String name, String value, PartitionSchema schema) {
    if (FieldMapping.isFullText(name)) {
      document.add(new TextField(name, value, Field.Store.NO));
    } else if (fitsKeyword(value)) {
      String keyword = FieldMapping.keyword(name);
      document.add(schema.keywordDocValues(name, keyword) ? new KeywordField(keyword, value, Field.Store.NO)
          : new StringField(keyword, value, Field.Store.NO));
    } else {
      document.add(new StringField(FieldMapping.IGNORED, name, Field.Store.NO));
    }
  }

  private boolean fitsKeyword(String value) {
    // UTF-8 needs at most 3 bytes per UTF-16 char; only long values need the exact count.
    return (long) value.length() * 3 <= maxKeywordBytes
        || UnicodeUtil.calcUTF16toUTF8Length(value, 0, value.length()) <= maxKeywordBytes;
  }

  private void addNumber(String name, double value, PartitionSchema schema) {
    String field = numericName(name);
    if (schema.numberPoints(field)) {
      document.add(new DoublePoint(field, value));
    }
    document.add(new SortedNumericDocValuesField(field, NumericUtils.doubleToSortableLong(value)));
  }

  private String numericName(String name) {
    String cached = numericNames.get(name);
    if (cached == null) {
      if (numericNames.size() >= MAX_CACHED_NAMES) {
        numericNames.clear();
      }
      cached = FieldMapping.numeric(name);
      numericNames.put(name, cached);
    }
    return cached;
  }

  private static BytesRef[] levelTerms() {
    Level[] levels = Level.values();
    BytesRef[] terms = new BytesRef[levels.length];
    for (Level l : levels) {
      terms[l.ordinal()] = new BytesRef(l.name());
    }
    return terms;
  }
}
