package dev.corral.store.codec;

import java.io.IOException;
import org.apache.lucene.index.DocValuesSkipper;

/**
 * The skip index of a scaled decimal field, in the sortable-double bits readers expect: the
 * underlying skipper's minimum and maximum are scaled longs, and decoding preserves order, so the
 * decoded minimum and maximum are the true ones. Single-threaded, as the skipper it wraps.
 */
final class DecodedSkipper extends DocValuesSkipper {
  private final DocValuesSkipper in;
  private final DecimalScale scale;

  DecodedSkipper(DocValuesSkipper in, DecimalScale scale) {
    this.in = in;
    this.scale = scale;
  }

  @Override
  public void advance(int target) throws IOException {
    in.advance(target);
  }

  @Override
  public int numLevels() {
    return in.numLevels();
  }

  @Override
  public int minDocID(int level) {
    return in.minDocID(level);
  }

  @Override
  public int maxDocID(int level) {
    return in.maxDocID(level);
  }

  @Override
  public long minValue(int level) {
    return scale.decode(in.minValue(level));
  }

  @Override
  public long maxValue(int level) {
    return scale.decode(in.maxValue(level));
  }

  @Override
  public int docCount(int level) {
    return in.docCount(level);
  }

  @Override
  public long minValue() {
    return scale.decode(in.minValue());
  }

  @Override
  public long maxValue() {
    return scale.decode(in.maxValue());
  }

  @Override
  public int docCount() {
    return in.docCount();
  }

  @Override
  public int maxValueCount() {
    return in.maxValueCount();
  }
}
