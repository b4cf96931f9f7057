package dev.corral.store.codec;

import java.io.IOException;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.NumericUtils;

/**
 * A power of ten that turns every value of a numeric field into a whole number exactly: {@code
 * 12.34} at scale 2 is {@code 1234}. Values are doubles in their sortable-long form ({@link
 * NumericUtils#doubleToSortableLong}); {@link #encode} gives the scaled long and {@link #decode}
 * gives back the very same sortable bits, so a field whose values all pass {@link #roundTrips} can
 * be stored as scaled longs, which pack into a few bits per value where a decimal's sortable bits
 * take about 60. Immutable and thread-safe.
 */
record DecimalScale(int scale, double factor) {
  /** Up to micro-units: log figures (latencies, sizes, ratios) rarely carry more decimals. */
  static final int MAX_SCALE = 6;
  /** Scaled values stay within a double's exact integers, so {@code scaled / factor} is one rounding. */
  private static final double MAX_SCALED = 0x1p53;
  private static final DecimalScale[] SCALES = new DecimalScale[MAX_SCALE + 1];

  static {
    for (int s = 0; s <= MAX_SCALE; s++) {
      SCALES[s] = new DecimalScale(s, Math.pow(10, s)); // 10^s up to 10^6 is exact in a double
    }
  }

  /** The scale {@code scale}, 0 to {@value #MAX_SCALE}. */
  static DecimalScale of(int scale) {
    if (scale < 0 || scale > MAX_SCALE) {
      throw new IllegalArgumentException("decimal scale " + scale + " is not in 0.." + MAX_SCALE);
    }
    return SCALES[scale];
  }

  /**
   * The smallest scale at which every value of {@code values} round-trips, or {@code null} when
   * none does (a value with more than {@value #MAX_SCALE} decimals, too large, NaN, an infinity or
   * {@code -0.0}). Reads {@code values} to the end; two passes over a fresh iterator would be
   * needed to be sure when the scale grows midway, so the caller verifies with {@link #fits}.
   */
  static DecimalScale smallestFor(SortedNumericDocValues values) throws IOException {
    int scale = 0;
    for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
      for (int i = values.docValueCount(); i > 0; i--) {
        long sortable = values.nextValue();
        while (!SCALES[scale].roundTrips(sortable)) {
          if (++scale > MAX_SCALE) {
            return null;
          }
        }
      }
    }
    return SCALES[scale];
  }

  /** Whether every value of {@code values} round-trips at this scale. Reads {@code values} to the end. */
  boolean fits(SortedNumericDocValues values) throws IOException {
    for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
      for (int i = values.docValueCount(); i > 0; i--) {
        if (!roundTrips(values.nextValue())) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether {@link #decode}{@code (}{@link #encode}{@code (sortable))} gives back {@code sortable} exactly. */
  boolean roundTrips(long sortable) {
    double scaled = NumericUtils.sortableLongToDouble(sortable) * factor;
    return Math.abs(scaled) <= MAX_SCALED && decode(Math.round(scaled)) == sortable; // NaN fails the first test
  }

  /** The scaled whole number of a double's sortable bits; exact only where {@link #roundTrips} holds. */
  long encode(long sortable) {
    return Math.round(NumericUtils.sortableLongToDouble(sortable) * factor);
  }

  /** The sortable bits of the double {@code scaled / 10^scale}. */
  long decode(long scaled) {
    return NumericUtils.doubleToSortableLong(scaled / factor);
  }
}
