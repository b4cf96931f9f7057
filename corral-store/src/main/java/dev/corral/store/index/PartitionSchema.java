package dev.corral.store.index;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DocValuesSkipIndexType;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;

/**
 * How one partition writes the fields whose mapping changed between versions. Lucene refuses to
 * change a field's schema (doc values type, point dimensions) inside one index, so a partition
 * written by an earlier version keeps writing such a field the way it already has it:
 *
 * <ul>
 *   <li>an identifier keyword ({@link FieldMapping#isIdentifier}) that already has sorted-set doc
 *       values keeps them; any other identifier keyword has postings only;
 *   <li>a numeric field ({@link FieldMapping#numeric}) that already has points keeps them; any
 *       other has doc values only.
 * </ul>
 *
 * Read from the field infos of a partition's last commit when its writer opens, and fixed for the
 * writer's life (a field new to the partition takes the current mapping). Immutable and
 * thread-safe.
 */
public final class PartitionSchema {
  /** A partition without fields yet: every field takes the current mapping. */
  public static final PartitionSchema CURRENT = new PartitionSchema(false, Set.of(), Set.of());

  /**
   * The mapping of every version before the identifier and number diet (doc values on every
   * keyword, points on every number): how tests write a partition the way an older Corral did.
   */
  public static final PartitionSchema PREVIOUS = new PartitionSchema(true, Set.of(), Set.of());

  /** Prefix of the attributes {@code PerFieldDocValuesFormat} keeps on a field with doc values. */
  private static final String DOC_VALUES_FORMAT_ATTRIBUTES = "PerFieldDocValuesFormat.";

  private final boolean previous;
  private final Set<String> keywordsWithDocValues;
  private final Set<String> numbersWithPoints;

  private PartitionSchema(boolean previous, Set<String> keywordsWithDocValues, Set<String> numbersWithPoints) {
    this.previous = previous;
    this.keywordsWithDocValues = keywordsWithDocValues;
    this.numbersWithPoints = numbersWithPoints;
  }

  /** The schema of a partition whose segments have the fields {@code fields} (any repeats are fine). */
  public static PartitionSchema of(Iterable<FieldInfo> fields) {
    Set<String> keywords = new HashSet<>();
    Set<String> numbers = new HashSet<>();
    for (FieldInfo field : fields) {
      if (field.getDocValuesType() == DocValuesType.SORTED_SET && isIdentifierKeyword(field.name)) {
        keywords.add(field.name);
      }
      if (field.getPointDimensionCount() > 0 && !field.name.equals(FieldMapping.TIMESTAMP)) {
        numbers.add(field.name);
      }
    }
    return keywords.isEmpty() && numbers.isEmpty() ? CURRENT
        : new PartitionSchema(false, Set.copyOf(keywords), Set.copyOf(numbers));
  }

  /** Whether the keyword Lucene field {@code keywordField} of event field {@code field} gets doc values. */
  public boolean keywordDocValues(String field, String keywordField) {
    return !FieldMapping.isIdentifier(field) || previous || keywordsWithDocValues.contains(keywordField);
  }

  /** Whether the numeric Lucene field {@code numericField} gets points besides its doc values. */
  public boolean numberPoints(String numericField) {
    return previous || numbersWithPoints.contains(numericField);
  }

  /**
   * {@code field} — a field of segments written elsewhere, such as an archived copy of the day —
   * as this partition writes it: the same instance when they agree, else a copy without the doc
   * values (and their skip index) of an identifier keyword that this partition writes without
   * them, and without the points of a number that it writes without points. The other fields, and
   * a field that has less than this partition writes, come back unchanged (Lucene refuses the
   * latter when the segments join, and it cannot be made up here).
   */
  public FieldInfo written(FieldInfo field) {
    String eventField = FieldMapping.eventField(field.name);
    if (eventField == null) {
      return field;
    }
    boolean dropDocValues = field.getDocValuesType() != DocValuesType.NONE && FieldMapping.isIdentifier(eventField)
        && field.name.equals(FieldMapping.keyword(eventField)) && !keywordDocValues(eventField, field.name);
    boolean dropPoints = field.getPointDimensionCount() > 0 && field.name.equals(FieldMapping.numeric(eventField))
        && !numberPoints(field.name);
    if (!dropDocValues && !dropPoints) {
      return field;
    }
    Map<String, String> attributes = new HashMap<>(field.attributes());
    if (dropDocValues) { // the per-field doc values format names the files of values no longer there
      attributes.keySet().removeIf(key -> key.startsWith(DOC_VALUES_FORMAT_ATTRIBUTES));
    }
    return new FieldInfo(field.name, field.number, field.hasTermVectors(), field.omitsNorms(), field.hasPayloads(),
        field.getIndexOptions(),
        dropDocValues ? DocValuesType.NONE : field.getDocValuesType(),
        dropDocValues ? DocValuesSkipIndexType.NONE : field.docValuesSkipIndexType(),
        dropDocValues ? -1 : field.getDocValuesGen(),
        attributes,
        dropPoints ? 0 : field.getPointDimensionCount(),
        dropPoints ? 0 : field.getPointIndexDimensionCount(),
        dropPoints ? 0 : field.getPointNumBytes(),
        field.getVectorDimension(), field.getVectorEncoding(), field.getVectorSimilarityFunction(),
        field.isSoftDeletesField(), field.isParentField());
  }

  /** Whether this partition writes every field of {@code fields} as they are ({@link #written}). */
  public boolean writesAsIs(Iterable<FieldInfo> fields) {
    for (FieldInfo field : fields) {
      if (written(field) != field) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIdentifierKeyword(String luceneField) {
    String field = FieldMapping.eventField(luceneField);
    return field != null && FieldMapping.isIdentifier(field);
  }

  @Override
  public String toString() {
    return previous ? "PartitionSchema[previous]"
        : "PartitionSchema[keywordsWithDocValues=" + keywordsWithDocValues + ", numbersWithPoints=" + numbersWithPoints + "]";
  }
}
