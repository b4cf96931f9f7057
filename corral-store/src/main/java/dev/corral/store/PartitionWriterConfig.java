package dev.corral.store;

import dev.corral.store.codec.WarmCodec;
import dev.corral.store.index.FieldMapping;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;

/** How a {@link DailyPartition}'s writer writes segments, by the partition's {@link Tier}. */
final class PartitionWriterConfig {
  private static final int HOT_SEGMENTS_PER_TIER = 30;

  private PartitionWriterConfig() {}

  /**
   * Hot: fast stored-fields compression and no index sort, because sorting makes every flush and
   * merge rewrite the stored sources (it halved indexing throughput; queries sort by timestamp
   * themselves, using its points to skip). Warm: the {@link WarmCodec} (best compression, sources
   * in zstd), and forced merges rewrite every segment not yet in it. Never commits on close:
   * commits happen only in commit rounds (design.md).
   */
  static IndexWriterConfig forTier(Tier tier, int ramBufferMb) {
    IndexWriterConfig config = new IndexWriterConfig(FieldMapping.analyzer());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setRAMBufferSizeMB(ramBufferMb);
    config.setCodec(tier == Tier.WARM ? new WarmCodec() : new Lucene104Codec(Lucene104Codec.Mode.BEST_SPEED));
    config.setMergePolicy(tier == Tier.WARM ? new RewriteToWarmMergePolicy() : hotMergePolicy());
    if (tier == Tier.WARM) {
      config.setMergeScheduler(new CompactionMergeScheduler());
    }
    config.setCommitOnClose(false); // commits happen only in commit rounds, see design.md
    return config;
  }

  /**
   * Hot merges: Lucene's tiered policy allowing {@value #HOT_SEGMENTS_PER_TIER} segments per tier
   * instead of 10. When a refresh every 500 ms flushed a small segment twice a second, 10 per tier
   * rewrote each event by merges about once more than 30 (measured: ~25 % more indexing CPU). Since
   * refreshes run on demand, segments are flushed per full buffer or commit round, and 60 per tier
   * measured no better (docs/benchmarks.md, "Third round"). The extra segments live only until the
   * day is compacted to warm (one segment).
   */
  static TieredMergePolicy hotMergePolicy() {
    TieredMergePolicy policy = new TieredMergePolicy();
    policy.setSegmentsPerTier(HOT_SEGMENTS_PER_TIER);
    return policy;
  }
}
