package dev.corral.server.ingest;

import java.util.Objects;

/**
 * A request refused as a whole, with the typed {@link Refusal} that says why and a reason a person
 * can act on. Nothing of a rejected request was stored. It knows no protocol: the HTTP layer maps
 * the refusal to a status, socket inputs to backpressure.
 */
public final class IngestRejection extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Refusal refusal;

  public IngestRejection(Refusal refusal, String reason) {
    super(reason);
    this.refusal = Objects.requireNonNull(refusal, "refusal");
  }

  public Refusal refusal() {
    return refusal;
  }

  /** Seconds the client should wait before retrying, or 0 for no advice. */
  public int retryAfterSeconds() {
    return refusal.retryAfterSeconds();
  }
}
