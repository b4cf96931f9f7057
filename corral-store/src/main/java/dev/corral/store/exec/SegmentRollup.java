package dev.corral.store.exec;

import dev.corral.store.index.FieldMapping;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.SortedSetDocValues;

/**
 * The number of events of one segment per ({@code service}, {@code level}, minute), over every
 * document of the segment's core (deleted or not: a reader with deletions does not use it). Built
 * once per segment core by one pass over its doc values ({@link #build}), then read by every
 * eligible aggregation ({@link RollupCounting}) instead of visiting the documents again.
 *
 * <p>Values are those {@link LeafFieldValues} reads for the per-document path, as group texts
 * (null for missing), so both paths make the same group keys. A (service, level) pair also keeps
 * the first document holding it: a filter on service and level only (a term, a set of levels, a
 * pattern, and their AND/OR/NOT) matches either every event of a pair or none, so it is tested on
 * that one document. That holds because each event has at most one keyword per field; a segment
 * whose service or level keywords are not single-valued gets no rollup.
 *
 * <p>Layout: pairs in the order of their first document (ascending), each with its total and a run
 * of (minute start, count) entries, minutes ascending. Immutable once built; thread-safe.
 */
final class SegmentRollup {
  /** The bucket width: a timechart span that is a whole number of minutes is answered from it. */
  static final long MINUTE_NANOS = 60_000_000_000L;

  /**
   * Most distinct (service, level) pairs in one rollup: beyond it the groups are not few, the
   * rollup saves little, and the build's dense per-pair minute counts (4 bytes × minutes) would
   * grow past ~6 MB for a day-long segment.
   */
  static final int MAX_PAIRS = 1024;

  /** Most minutes one segment may span: a day partition spans at most 1,441 minute buckets. */
  static final int MAX_MINUTES = 1441;

  private static final String SERVICE = "service";
  private static final String LEVEL = FieldMapping.LEVEL;
  private static final int DOCS_BETWEEN_DEADLINE_CHECKS = AggregationCollectorManager.DOCS_BETWEEN_DEADLINE_CHECKS;

  private final String[] services;
  private final String[] levels;
  private final int[] firstDocs;
  private final long[] totals;
  private final int[] entryStarts;
  private final long[] minutes;
  private final long[] counts;
  private final long minTimestamp;
  private final long maxTimestamp;

  private SegmentRollup(String[] services, String[] levels, int[] firstDocs, long[] totals, int[] entryStarts,
      long[] minutes, long[] counts, long minTimestamp, long maxTimestamp) {
    this.services = services;
    this.levels = levels;
    this.firstDocs = firstDocs;
    this.totals = totals;
    this.entryStarts = entryStarts;
    this.minutes = minutes;
    this.counts = counts;
    this.minTimestamp = minTimestamp;
    this.maxTimestamp = maxTimestamp;
  }

  /** The field a rollup dimension holds: {@code service} or {@code level} (canonical names). */
  static boolean isDimension(String canonicalField) {
    return canonicalField.equals(SERVICE) || canonicalField.equals(LEVEL);
  }

  /**
   * The rollup of every document of {@code reader} (an unwrapped segment reader), or null when the
   * segment cannot have one: more than {@link #MAX_PAIRS} pairs, a span of more than {@link
   * #MAX_MINUTES} minutes, multi-valued service or level keywords, or documents without timestamp
   * points.
   *
   * @throws dev.corral.store.search.QueryTimeoutException when {@code deadline} passes meanwhile
   */
  static SegmentRollup build(LeafReader reader, QueryDeadline deadline) throws IOException {
    int maxDoc = reader.maxDoc();
    PointValues points = reader.getPointValues(FieldMapping.TIMESTAMP);
    if (points == null || points.getDocCount() != maxDoc || !singleValued(reader, SERVICE)
        || !singleValued(reader, LEVEL)) {
      return null;
    }
    long min = LongPoint.decodeDimension(points.getMinPackedValue(), 0);
    long max = LongPoint.decodeDimension(points.getMaxPackedValue(), 0);
    long firstMinute = Math.floorDiv(min, MINUTE_NANOS);
    long span = Math.floorDiv(max, MINUTE_NANOS) - firstMinute + 1;
    if (span > MAX_MINUTES) {
      return null;
    }
    Builder builder = new Builder(reader, firstMinute, (int) span);
    NumericDocValues timestamps = DocValues.getNumeric(reader, FieldMapping.TIMESTAMP);
    for (int doc = 0; doc < maxDoc; doc++) {
      if (doc % DOCS_BETWEEN_DEADLINE_CHECKS == 0) {
        deadline.check();
      }
      if (!timestamps.advanceExact(doc)) {
        throw new IllegalStateException("BUG: document " + doc + " has no timestamp");
      }
      if (!builder.add(doc, timestamps.longValue())) {
        return null;
      }
    }
    return builder.finish(min, max);
  }

  /** Whether every document holds at most one keyword of {@code field} (segment-wide, from its doc values). */
  private static boolean singleValued(LeafReader reader, String field) throws IOException {
    SortedSetDocValues keywords = reader.getSortedSetDocValues(FieldMapping.keyword(field));
    return keywords == null || DocValues.unwrapSingleton(keywords) != null;
  }

  long minTimestamp() {
    return minTimestamp;
  }

  long maxTimestamp() {
    return maxTimestamp;
  }

  int pairs() {
    return firstDocs.length;
  }

  /** The pair's service as a group text, null for none. */
  String service(int pair) {
    return services[pair];
  }

  /** The pair's level as a group text, null for none. */
  String level(int pair) {
    return levels[pair];
  }

  /** The pair's first document; ascending with the pair number. */
  int firstDoc(int pair) {
    return firstDocs[pair];
  }

  /** The pair's events. */
  long total(int pair) {
    return totals[pair];
  }

  /** The first entry of the pair's minutes; {@link #entryEnd} bounds them. */
  int entryStart(int pair) {
    return entryStarts[pair];
  }

  int entryEnd(int pair) {
    return entryStarts[pair + 1];
  }

  /** The start of an entry's minute, epoch ns. */
  long minute(int entry) {
    return minutes[entry];
  }

  /** The events of an entry's pair in its minute. */
  long count(int entry) {
    return counts[entry];
  }

  /** Rough heap bytes, for the cache's budget. */
  long estimatedBytes() {
    long bytes = 96L + 16L * minutes.length + 4L * entryStarts.length;
    for (int pair = 0; pair < pairs(); pair++) {
      bytes += 24 + textBytes(services[pair]) + textBytes(levels[pair]);
    }
    return bytes;
  }

  private static long textBytes(String text) {
    return text == null ? 0 : 48 + 2L * text.length();
  }

  /** One pass over a segment: value ids per field, pair ids, dense minute counts per pair. */
  private static final class Builder {
    private final FieldIds services;
    private final FieldIds levels;
    private final long firstMinute;
    private final int span;
    private int[][] pairIds = new int[0][];
    private int pairs;
    private int[] firstDocs = new int[16];
    private int[] pairServices = new int[16];
    private int[] pairLevels = new int[16];
    private int[][] minuteCounts = new int[16][];

    Builder(LeafReader reader, long firstMinute, int span) throws IOException {
      this.services = new FieldIds(LeafFieldValues.open(reader, SERVICE, true));
      this.levels = new FieldIds(LeafFieldValues.open(reader, LEVEL, true));
      this.firstMinute = firstMinute;
      this.span = span;
    }

    /** Counts {@code doc}; false when the segment holds too many pairs. */
    boolean add(int doc, long timestamp) throws IOException {
      int service = services.id(doc);
      int level = levels.id(doc);
      int pair = pair(service, level, doc);
      if (pair < 0) {
        return false;
      }
      minuteCounts[pair][(int) (Math.floorDiv(timestamp, MINUTE_NANOS) - firstMinute)]++;
      return true;
    }

    private int pair(int service, int level, int doc) {
      if (service >= pairIds.length) {
        pairIds = Arrays.copyOf(pairIds, Math.max(service + 1, 2 * pairIds.length));
      }
      int[] byLevel = pairIds[service];
      if (byLevel == null || level >= byLevel.length) {
        int[] grown = new int[Math.max(level + 1, 8)];
        Arrays.fill(grown, -1);
        if (byLevel != null) {
          System.arraycopy(byLevel, 0, grown, 0, byLevel.length);
        }
        pairIds[service] = byLevel = grown;
      }
      int pair = byLevel[level];
      if (pair >= 0) {
        return pair;
      }
      if (pairs == MAX_PAIRS) {
        return -1;
      }
      pair = pairs++;
      if (pair == firstDocs.length) {
        firstDocs = Arrays.copyOf(firstDocs, 2 * pair);
        pairServices = Arrays.copyOf(pairServices, 2 * pair);
        pairLevels = Arrays.copyOf(pairLevels, 2 * pair);
        minuteCounts = Arrays.copyOf(minuteCounts, 2 * pair);
      }
      firstDocs[pair] = doc;
      pairServices[pair] = service;
      pairLevels[pair] = level;
      minuteCounts[pair] = new int[span];
      byLevel[level] = pair;
      return pair;
    }

    SegmentRollup finish(long min, long max) {
      int entries = 0;
      for (int pair = 0; pair < pairs; pair++) {
        for (int count : minuteCounts[pair]) {
          entries += count > 0 ? 1 : 0;
        }
      }
      long[] minutes = new long[entries];
      long[] counts = new long[entries];
      long[] totals = new long[pairs];
      int[] entryStarts = new int[pairs + 1];
      String[] serviceTexts = new String[pairs];
      String[] levelTexts = new String[pairs];
      int entry = 0;
      for (int pair = 0; pair < pairs; pair++) {
        entryStarts[pair] = entry;
        serviceTexts[pair] = services.text(pairServices[pair]);
        levelTexts[pair] = levels.text(pairLevels[pair]);
        int[] perMinute = minuteCounts[pair];
        for (int m = 0; m < perMinute.length; m++) {
          if (perMinute[m] > 0) {
            minutes[entry] = (firstMinute + m) * MINUTE_NANOS;
            counts[entry] = perMinute[m];
            totals[pair] += perMinute[m];
            entry++;
          }
        }
      }
      entryStarts[pairs] = entry;
      return new SegmentRollup(serviceTexts, levelTexts, Arrays.copyOf(firstDocs, pairs), totals, entryStarts, minutes,
          counts, min, max);
    }
  }

  /**
   * Dense ids of one field's distinct values in a segment, in order of first appearance: a
   * keyword's ordinal maps through an array, any other value (a number, none) through a map of
   * (kind, code). Remembers each id's group text.
   */
  private static final class FieldIds {
    private final LeafFieldValues values;
    private final Map<Long, Integer> numberIds = new HashMap<>();
    private int[] keywordIds = new int[0];
    private int missingId = -1;
    private String[] texts = new String[8];
    private int count;

    FieldIds(LeafFieldValues values) {
      this.values = values;
    }

    int id(int doc) throws IOException {
      values.advance(doc);
      return switch (values.kind()) {
        case LeafFieldValues.KEYWORD -> keywordId((int) values.code());
        case LeafFieldValues.MISSING -> missingId >= 0 ? missingId : (missingId = newId());
        default -> {
          Integer id = numberIds.get(values.code());
          if (id == null) {
            id = newId();
            numberIds.put(values.code(), id);
          }
          yield id;
        }
      };
    }

    private int keywordId(int ord) throws IOException {
      if (ord >= keywordIds.length) {
        int old = keywordIds.length;
        keywordIds = Arrays.copyOf(keywordIds, Math.max(ord + 1, 2 * old));
        Arrays.fill(keywordIds, old, keywordIds.length, -1);
      }
      int id = keywordIds[ord];
      if (id < 0) {
        id = newId();
        keywordIds[ord] = id;
      }
      return id;
    }

    /** A new id for the current value, remembering its text. */
    private int newId() throws IOException {
      if (count == texts.length) {
        texts = Arrays.copyOf(texts, 2 * count);
      }
      texts[count] = values.text();
      return count++;
    }

    String text(int id) {
      return texts[id];
    }
  }
}
