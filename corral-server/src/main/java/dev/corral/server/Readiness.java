package dev.corral.server;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where start-up stands: {@code /health} is up as soon as HTTP is; {@code /ready} and ingest wait
 * until the WAL is recovered, replayed into the store and the store is open. Once started, the
 * server is <em>degraded</em> while something stops it taking writes (the store after too many open
 * files or a full disk, until it recovers): {@code /ready} then answers 503 with the reason, while
 * {@code /health} stays 200 and says "degraded", so a liveness probe does not restart a server that
 * is only waiting for disk or files. Thread-safe.
 */
public final class Readiness {
  private volatile String phase = "starting";
  private volatile boolean ready;
  private volatile Supplier<Optional<String>> degradation = Optional::empty;

  /** Registers what says why writes are not taken now (empty when they are). */
  public void degradedBy(Supplier<Optional<String>> reason) {
    degradation = reason;
  }

  /** Why the server does not take writes now although it started, if it does not. */
  public Optional<String> degradedReason() {
    return degradation.get();
  }

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
