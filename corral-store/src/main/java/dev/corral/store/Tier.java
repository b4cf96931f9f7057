package dev.corral.store;

/**
 * Where a partition is in its life (DESIGN: storage). A partition is born {@link #HOT}; the store's
 * lifecycle makes it {@link #WARM} once its day is over, and it stays warm. The tier is recorded in
 * every Lucene commit of the partition, so it survives restarts.
 */
public enum Tier {
  /**
   * Receiving events: segments written for indexing speed (fast stored-fields compression, no
   * index sort), merged by the merge policy as they come.
   */
  HOT,
  /**
   * Compacted: force-merged into one segment written with the best-compression codec. Late events
   * of the day are still accepted and land in best-compression segments too.
   */
  WARM;

  /** The lowercase name used in commit data and the API ({@code hot}, {@code warm}). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The tier of a {@link #label()}; a missing label (partitions from before tiers) means hot. */
  static Tier ofLabel(String label) {
    return label == null ? HOT : valueOf(label.toUpperCase(java.util.Locale.ROOT));
  }
}
