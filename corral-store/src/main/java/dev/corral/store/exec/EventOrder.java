package dev.corral.store.exec;

import dev.corral.query.plan.SortKey;
import dev.corral.store.index.FieldMapping;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.SortedSetSortField;

/**
 * The order of events of an event-stage {@code | sort}, as a Lucene {@link Sort} over doc values.
 *
 * <p>Per key {@code f}: {@code timestamp} sorts by its numeric doc values. Any other field may hold
 * a number in some events and a string in others, so it sorts on two Lucene fields: ascending,
 * numbers first (by value, from {@code f#n}), then strings (by UTF-8 bytes, from the keyword's
 * sorted-set doc values); descending is the exact reverse (strings descending, then numbers
 * descending). Events without {@code f} come last in both directions. Full-text fields
 * ({@code message}) have no doc values; {@code EventSteps} refuses them before. Ties, and the value returned with
 * each hit, come from a final {@code timestamp} descending key: the last sort value of every hit
 * is its timestamp. Immutable.
 */
final class EventOrder {
  /** The default order: newest first (timestamp points let Lucene skip non-competitive documents). */
  static final EventOrder NEWEST_FIRST = new EventOrder(List.of(new SortKey(FieldMapping.TIMESTAMP, true)));

  /** Oldest first. */
  static final EventOrder OLDEST_FIRST = new EventOrder(List.of(new SortKey(FieldMapping.TIMESTAMP, false)));

  private final List<SortKey> keys;
  private final Sort sort;

  private EventOrder(List<SortKey> keys) {
    this.keys = List.copyOf(keys);
    List<SortField> fields = new ArrayList<>();
    for (SortKey key : keys) {
      addKey(FieldMapping.resolve(key.name()), key.descending(), fields);
    }
    fields.add(new SortField(FieldMapping.TIMESTAMP, SortField.Type.LONG, true));
    this.sort = new Sort(fields.toArray(SortField[]::new));
  }

  /** The order of a {@code | sort} whose keys are all visible ({@code EventSteps} dropped the others). */
  static EventOrder of(List<SortKey> keys) {
    return new EventOrder(keys);
  }

  Sort sort() {
    return sort;
  }

  /** Whether this order is newest first only, so newer days' partitions come entirely first. */
  boolean isNewestFirst() {
    return keys.isEmpty() || isTimestampOnly(true);
  }

  /** Whether this order is oldest first only, so older days' partitions come entirely first. */
  boolean isOldestFirst() {
    return isTimestampOnly(false);
  }

  private boolean isTimestampOnly(boolean descending) {
    return keys.size() == 1 && FieldMapping.resolve(keys.get(0).name()).equals(FieldMapping.TIMESTAMP)
        && keys.get(0).descending() == descending;
  }

  private static void addKey(String field, boolean descending, List<SortField> into) {
    if (field.equals(FieldMapping.TIMESTAMP)) {
      into.add(new SortField(FieldMapping.TIMESTAMP, SortField.Type.LONG, descending));
      return;
    }
    SortedNumericSortField number = new SortedNumericSortField(FieldMapping.numeric(field), SortField.Type.DOUBLE,
        descending);
    // Lucene reverses the missing value's position along with the order: pick the end that lands last.
    number.setMissingValue(descending ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    SortedSetSortField keyword = new KeywordSortField(FieldMapping.keyword(field), descending);
    keyword.setMissingValue(descending ? SortField.STRING_FIRST : SortField.STRING_LAST);
    if (descending) {
      into.add(keyword);
      into.add(number);
    } else {
      into.add(number);
      into.add(keyword);
    }
  }
}
