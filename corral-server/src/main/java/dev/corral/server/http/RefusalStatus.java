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
   * 503 not ready, stopping or writes stopped; 507 disk full; 429 backlog; 413 too large; 400
   * malformed; 415 unsupported content type or encoding.
   */
  public static int of(Refusal refusal) {
    return switch (refusal) {
      case Refusal.NotReady r -> 503;
      case Refusal.Stopping r -> 503;
      case Refusal.WritesStopped r -> 503;
      case Refusal.DiskFull r -> 507;
      case Refusal.Backlog r -> 429;
      case Refusal.TooLarge r -> 413;
      case Refusal.Malformed r -> 400;
      case Refusal.Unsupported r -> 415;
    };
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
