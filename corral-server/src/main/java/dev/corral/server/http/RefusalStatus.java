package dev.corral.server.http;

import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.Refusal;
import java.util.Map;

/**
 * The one mapping of an ingest {@link Refusal} to HTTP: its status code and its {@code Retry-After}
 * header. Every HTTP input answers a refusal through it. Stateless.
 */
public final class RefusalStatus {
  private RefusalStatus() {}

  /**
   * 503 not ready, stopping or writes stopped; 507 disk full; 429 backlog or rate limited (with
   * Retry-After); 413 too large; 400 malformed; 415 unsupported content type or encoding.
   */
  public static int of(Refusal refusal) {
    return switch (refusal) {
      case Refusal.NotReady r -> 503;
      case Refusal.Stopping r -> 503;
      case Refusal.WritesStopped r -> 503;
      case Refusal.DiskFull r -> 507;
      case Refusal.Backlog r -> 429;
      case Refusal.RateLimited r -> 429;
      case Refusal.TooLarge r -> 413;
      case Refusal.Malformed r -> 400;
      case Refusal.Unsupported r -> 415;
    };
  }

  /**
   * The status of a refusal answered per item of a batch that the client retries item by item (as
   * Elasticsearch's bulk items): 503 while the server is unavailable (starting, stopping, writes
   * stopped), 429 otherwise (backlog, rate limited, disk nearly full, as Elasticsearch does for its
   * own flood-stage block), which every shipper retries.
   */
  public static int ofRetriedItem(Refusal refusal) {
    return of(refusal) == 503 ? 503 : 429;
  }

  /**
   * The status of a refusal for protocols whose clients retry only 429, 502, 503 and 504 and drop
   * the data on any other 5xx (OTLP/HTTP): a nearly full disk answers 503 instead of 507.
   */
  public static int ofRetryableOnly(Refusal refusal) {
    return refusal instanceof Refusal.DiskFull ? 503 : of(refusal);
  }

  /** The status of {@code rejection}. */
  public static int of(IngestRejection rejection) {
    return of(rejection.refusal());
  }

  /** The Retry-After header the rejection advises, or none. */
  public static Map<String, String> headers(IngestRejection rejection) {
    return rejection.retryAfterSeconds() > 0
        ? Map.of("Retry-After", Integer.toString(rejection.retryAfterSeconds())) : Map.of();
  }

  /** The rejection as an HTTP error: its status, its reason and its Retry-After. */
  public static HttpError error(IngestRejection rejection) {
    return new HttpError(of(rejection), rejection.getMessage(), headers(rejection), Map.of());
  }
}
