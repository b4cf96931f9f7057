package dev.corral.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.Refusal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefusalStatusTest {
  @Test
  void everyRefusalHasTheStatusItAlwaysHad() {
    assertThat(RefusalStatus.of(new Refusal.NotReady(1))).isEqualTo(503);
    assertThat(RefusalStatus.of(new Refusal.Stopping(1))).isEqualTo(503);
    assertThat(RefusalStatus.of(new Refusal.WritesStopped())).isEqualTo(503);
    assertThat(RefusalStatus.of(new Refusal.DiskFull(30))).isEqualTo(507);
    assertThat(RefusalStatus.of(new Refusal.Backlog(5))).isEqualTo(429);
    assertThat(RefusalStatus.of(new Refusal.TooLarge())).isEqualTo(413);
    assertThat(RefusalStatus.of(new Refusal.Malformed())).isEqualTo(400);
    assertThat(RefusalStatus.of(new Refusal.Unsupported())).isEqualTo(415);
  }

  @Test
  void aRateLimitedRequestIs429WithRetryAfterOnEveryHttpVariant() {
    Refusal limited = new Refusal.RateLimited(3, "service payment-api");
    assertThat(RefusalStatus.of(limited)).isEqualTo(429);
    assertThat(RefusalStatus.ofRetriedItem(limited)).as("a _bulk item").isEqualTo(429);
    assertThat(RefusalStatus.ofRetryableOnly(limited)).as("OTLP/HTTP").isEqualTo(429);
    assertThat(RefusalStatus.headers(new IngestRejection(limited, "over the quota")))
        .isEqualTo(Map.of("Retry-After", "3"));
  }

  @Test
  void retryAfterOnlyWhenTheRefusalAdvisesOne() {
    HttpError backlog = RefusalStatus.error(new IngestRejection(new Refusal.Backlog(5), "indexing is behind"));
    assertThat(backlog.status()).isEqualTo(429);
    assertThat(backlog.getMessage()).isEqualTo("indexing is behind");
    assertThat(backlog.headers()).isEqualTo(Map.of("Retry-After", "5"));
    assertThat(RefusalStatus.headers(new IngestRejection(new Refusal.TooLarge(), "too large"))).isEmpty();
    assertThat(RefusalStatus.headers(new IngestRejection(new Refusal.WritesStopped(), "stopped"))).isEmpty();
  }
}
