package dev.corral.server.status;

/**
 * Where start-up stands: {@code /health} is up as soon as HTTP is; {@code /ready} and ingest wait
 * until the WAL is recovered, replayed into the store and the store is open. Once started, the
 * server is <em>degraded</em> while something stops it taking writes (the store after too many open
 * files or a full disk, until it recovers): {@code /ready} then answers 503 with the reason, while
 * {@code /health} stays 200 and says "degraded", so a liveness probe does not restart a server that
 * is only waiting for disk or files; the services say why ({@code Services.degradedReason()}). Thread-safe.
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
