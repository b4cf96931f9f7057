package dev.corral.server.ingest;

/**
 * A request refused as a whole, with the HTTP status that says why: 400 (unreadable body),
 * 413 (too large), 415 (wrong content type), 429 (indexing behind, retry later), 503 (not ready or
 * stopped taking writes), 507 (disk nearly full). Nothing of a rejected request was stored.
 */
public final class IngestRejection extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final int retryAfterSeconds;

  public IngestRejection(int status, String reason) {
    this(status, reason, 0);
  }

  /** @param retryAfterSeconds seconds the client should wait before retrying, or 0 for no advice */
  public IngestRejection(int status, String reason, int retryAfterSeconds) {
    super(reason);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
