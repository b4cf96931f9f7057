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

  /**
   * The reason behind a refusal's status code (429 backlog, 503 unavailable, 507 disk full, 413 too
   * large, any other invalid); the status is what refusals carry until they become typed.
   */
  public static RefusalReason ofStatus(int status) {
    return switch (status) {
      case 429 -> BACKLOG;
      case 503 -> UNAVAILABLE;
      case 507 -> DISK_FULL;
      case 413 -> TOO_LARGE;
      default -> INVALID;
    };
  }
}
