package dev.corral.store;

import dev.corral.store.codec.WarmCodec;
import java.io.IOException;
import java.util.Map;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.UpgradeIndexMergePolicy;

/**
 * The merge policy of a warm partition: ordinary merges as in a hot one ({@link
 * PartitionWriterConfig#hotMergePolicy()}), but a forced merge also rewrites every segment not written
 * by the {@link WarmCodec}, even when it is alone and would otherwise count as merged already. So
 * {@code forceMerge(1)} always leaves one segment in the warm codec, also when every segment was
 * in it already (several, from late events or an interrupted compaction). Forced merges group each
 * service's events together ({@link ServiceGroupedMerge}). Public for the benchmark's raw Lucene
 * peer, which compacts the same way.
 */
public final class RewriteToWarmMergePolicy extends UpgradeIndexMergePolicy {
  public RewriteToWarmMergePolicy() {
    super(PartitionWriterConfig.hotMergePolicy());
  }

  @Override
  public MergeSpecification findForcedMerges(SegmentInfos infos, int maxSegmentCount,
      Map<SegmentCommitInfo, Boolean> segmentsToMerge, MergeContext context) throws IOException {
    MergeSpecification merges = super.findForcedMerges(infos, maxSegmentCount, segmentsToMerge, context);
    if (merges == null) { // every segment is warm already (late events, an interrupted compaction): merge them too
      merges = in.findForcedMerges(infos, maxSegmentCount, segmentsToMerge, context);
    }
    if (merges == null) {
      return null;
    }
    MergeSpecification grouped = new MergeSpecification();
    for (OneMerge merge : merges.merges) {
      grouped.add(new ServiceGroupedMerge(merge.segments));
    }
    return grouped;
  }

  @Override
  protected boolean shouldUpgradeSegment(SegmentCommitInfo segment) {
    return !WarmCodec.NAME.equals(segment.info.getCodec().getName());
  }
}
