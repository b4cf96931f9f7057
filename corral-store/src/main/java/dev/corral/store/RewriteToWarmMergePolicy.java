package dev.corral.store;

import org.apache.lucene.codecs.lucene90.Lucene90StoredFieldsFormat;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.UpgradeIndexMergePolicy;

/**
 * The merge policy of a warm partition: ordinary merges as in a hot one ({@link DailyPartition#hotMergePolicy()}), but a forced merge also
 * rewrites every segment whose stored fields are not best-compression, even when it is alone and
 * would otherwise count as merged already. So {@code forceMerge(1)} always leaves one
 * best-compression segment. Public for the benchmark's raw Lucene peer, which compacts the same way.
 */
public final class RewriteToWarmMergePolicy extends UpgradeIndexMergePolicy {
  /** Segment attribute in which Lucene records the stored-fields compression of a segment. */
  private static final String MODE_KEY = Lucene90StoredFieldsFormat.class.getSimpleName() + ".mode";
  private static final String WARM_MODE = Lucene90StoredFieldsFormat.Mode.BEST_COMPRESSION.name();

  public RewriteToWarmMergePolicy() {
    super(DailyPartition.hotMergePolicy());
  }

  @Override
  protected boolean shouldUpgradeSegment(SegmentCommitInfo segment) {
    return !WARM_MODE.equals(segment.info.getAttribute(MODE_KEY));
  }
}
