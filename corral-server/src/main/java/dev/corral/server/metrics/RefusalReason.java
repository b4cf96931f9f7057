package dev.corral.server.metrics;

/**
 * Why an ingest request was refused as a whole, as the {@code reason} label of {@code
 * corral_ingest_refused_requests_total}. A small closed set, so the label never explodes.
 */
public enum RefusalReason {
  /** Not ready yet, stopping, or the WAL or store stopped taking writes. */
  UNAVAILABLE("unavailable"),
  /** The indexing backlog had no room within the wait. */
  BACKLOG("backlog"),
  /** Over a rate limit: the API key's events per second or a service's ingest quota. */
  RATE_LIMITED("rate_limited"),
  /** The disk is nearly full. */
  DISK_FULL("disk_full"),
  /** The body or its normalized batch is larger than a limit. */
  TOO_LARGE("too_large"),
  /** Anything else: an unreadable body, a wrong content type. */
  INVALID("invalid");

  private final String label;

  RefusalReason(String label) {
    this.label = label;
  }

  /** The label value. */
  public String label() {
    return label;
  }
}
