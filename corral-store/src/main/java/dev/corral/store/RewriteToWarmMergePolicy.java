package dev.corral.store;

import dev.corral.store.codec.WarmCodec;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.UpgradeIndexMergePolicy;

/**
 * The merge policy of a warm partition: ordinary merges as in a hot one ({@link
 * DailyPartition#hotMergePolicy()}), but a forced merge also rewrites every segment not written
 * by the {@link WarmCodec}, even when it is alone and would otherwise count as merged already. So
 * {@code forceMerge(1)} always leaves one segment in the warm codec. Public for the benchmark's
 * raw Lucene peer, which compacts the same way.
 */
public final class RewriteToWarmMergePolicy extends UpgradeIndexMergePolicy {
  public RewriteToWarmMergePolicy() {
    super(DailyPartition.hotMergePolicy());
  }

  @Override
  protected boolean shouldUpgradeSegment(SegmentCommitInfo segment) {
    return !WarmCodec.NAME.equals(segment.info.getCodec().getName());
  }
}
