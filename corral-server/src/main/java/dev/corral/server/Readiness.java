package dev.corral.server;

/**
 * Where start-up stands: {@code /health} is up as soon as HTTP is; {@code /ready} and ingest wait
 * until the WAL is recovered, replayed into the store and the store is open. Thread-safe.
 */
public final class Readiness {
  private volatile String phase = "starting";
  private volatile boolean ready;

  /** Records progress while not yet ready, e.g. "replaying write-ahead log". */
  public void phase(String description) {
    phase = description;
  }

  /** Marks the server ready to take ingest and queries. */
  public void markReady() {
    phase = "ready";
    ready = true;
  }

  /** Marks the server as stopping: ingest is refused again. */
  public void markStopping() {
    ready = false;
    phase = "stopping";
  }

  public boolean isReady() {
    return ready;
  }

  public String phase() {
    return phase;
  }
}
