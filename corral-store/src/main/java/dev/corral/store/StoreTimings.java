package dev.corral.store;

/**
 * Where the store reports how long its periodic work takes, for the server's metrics: one call per
 * refresh pass and per commit round, never per event. Called on the threads that refresh or commit
 * (a query's, an export's, {@code corral-committer}, a caller of {@link LogStore#commit()}), possibly
 * concurrently; an implementation must be thread-safe, quick and must not throw.
 */
public interface StoreTimings {
  /** Reports nothing. */
  StoreTimings NONE = new StoreTimings() {
    @Override
    public void refreshed(long nanos) {}

    @Override
    public void committed(long nanos) {}
  };

  /**
   * A refresh pass ended that reopened the readers of at least one partition with a writer (new
   * events may have become visible), after {@code nanos}: a read's refresh of the partitions it
   * reads, or the one after a commit round; passes that refreshed nothing are not reported.
   */
  void refreshed(long nanos);

  /**
   * A commit round that committed at least one partition ended after {@code nanos}: its prepare
   * step, every partition's commit and the checkpoint write; rounds with nothing to commit are not
   * reported.
   */
  void committed(long nanos);
}
