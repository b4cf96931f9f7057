package dev.corral.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.LogEvent;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.server.limits.RateBuckets;
import io.github.bucket4j.TimeMeter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link IngestRateLimits} on a clock that never moves: the key's and the services' buckets are
 * spent all or nothing, and what a refused request took is given back.
 */
class RateLimitIngestTest {
  private static final TimeMeter FROZEN = new TimeMeter() {
    @Override
    public long currentTimeNanos() {
      return 0;
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  };

  private final IngestRateLimits limits = new IngestRateLimits(
      new ServiceQuotas(List.of(new ServiceQuota("payment-*", 5), new ServiceQuota("checkout", 0)), 10),
      new RateBuckets(100, FROZEN), new RateBuckets(100, FROZEN));

  private static List<LogEvent> events(String... services) throws Exception {
    List<LogEvent> events = new ArrayList<>();
    for (String service : services) {
      byte[] json = ("{\"message\":\"m\",\"service\":\"" + service + "\"}").getBytes(StandardCharsets.UTF_8);
      events.add(EventDecoder.defaults().decode(json, 0, json.length, 0));
    }
    return events;
  }

  private static List<LogEvent> repeat(String service, int times) throws Exception {
    String[] services = new String[times];
    java.util.Arrays.fill(services, service);
    return events(services);
  }

  private void take(Sender sender, List<LogEvent> events) throws IngestRejection {
    limits.take(sender, events.size(), events);
  }

  @Test
  void theFirstMatchingQuotaGivesTheRateEachMatchingServiceOnItsOwnBucket() throws Exception {
    take(Sender.ANONYMOUS, repeat("payment-api", 5));
    assertThatThrownBy(() -> take(Sender.ANONYMOUS, repeat("payment-api", 1)))
        .isInstanceOfSatisfying(IngestRejection.class, e -> {
          assertThat(e.refusal()).isInstanceOf(Refusal.RateLimited.class);
          assertThat(((Refusal.RateLimited) e.refusal()).limited()).isEqualTo("service payment-api");
          assertThat(e.retryAfterSeconds()).isPositive();
          assertThat(e.getMessage()).contains("service 'payment-api' may store 5 events/s", "ingest.service_quotas");
        });
    take(Sender.ANONYMOUS, repeat("payment-db", 5)); // its own bucket
    take(Sender.ANONYMOUS, repeat("checkout", 1000)); // matches a quota of 0: no limit, not the default
    take(Sender.ANONYMOUS, repeat("search", 10)); // the default
    assertThatThrownBy(() -> take(Sender.ANONYMOUS, repeat("search", 1))).isInstanceOf(IngestRejection.class);
    assertThat(limits.serviceLimited()).isEqualTo(2);
  }

  @Test
  void aRequestOverOneServicesQuotaIsRefusedWholeAndWhatItTookIsGivenBack() throws Exception {
    take(Sender.ANONYMOUS, repeat("payment-api", 4));
    List<LogEvent> mixed = events("search", "search", "search", "payment-api", "payment-api");
    assertThatThrownBy(() -> take(Sender.ANONYMOUS, mixed)).isInstanceOf(IngestRejection.class);
    take(Sender.ANONYMOUS, repeat("search", 10)); // the mixed request's 3 were given back: all 10 are there
    take(Sender.ANONYMOUS, repeat("payment-api", 1));
  }

  @Test
  void aKeyOverItsEventsPerSecondIsRefusedAndAServiceRefusalGivesTheKeysTokensBack() throws Exception {
    Sender key = new Sender("k1", 6);
    take(key, repeat("payment-api", 5));
    assertThatThrownBy(() -> take(key, repeat("payment-api", 1))).as("the service's quota")
        .isInstanceOf(IngestRejection.class);
    take(key, repeat("search", 1)); // the key's token for the refused request came back
    assertThatThrownBy(() -> take(key, repeat("search", 1)))
        .isInstanceOfSatisfying(IngestRejection.class, e -> {
          assertThat(((Refusal.RateLimited) e.refusal()).limited()).isEqualTo("key k1");
          assertThat(e.getMessage()).contains("API key k1 may send 6 events/s");
        });
    take(new Sender("k2", 6), repeat("search", 1)); // another key
    assertThat(limits.keyLimited()).isEqualTo(1);
  }

  @Test
  void eventsWithoutAServiceCountForTheDefault() throws Exception {
    byte[] json = "{\"message\":\"no service\"}".getBytes(StandardCharsets.UTF_8);
    LogEvent unnamed = EventDecoder.defaults().decode(json, 0, json.length, 0);
    List<LogEvent> ten = java.util.Collections.nCopies(10, unnamed);
    take(Sender.ANONYMOUS, ten);
    assertThatThrownBy(() -> take(Sender.ANONYMOUS, List.of(unnamed))).isInstanceOf(IngestRejection.class);
  }

  @Test
  void globsMatchAsKeyServicesDo() {
    ServiceQuota payments = new ServiceQuota("payment-*", 1);
    assertThat(payments.matches("payment-api")).isTrue();
    assertThat(payments.matches("payment-")).isTrue();
    assertThat(payments.matches("payments")).isFalse();
    assertThat(payments.matches("my-payment-api")).isFalse();
    assertThat(new ServiceQuota("*-db", 1).matches("orders-db")).isTrue();
    assertThat(new ServiceQuota("a*b*c", 1).matches("a-b-b-c")).isTrue();
    assertThat(new ServiceQuota("checkout", 1).matches("checkout2")).isFalse();
    assertThatThrownBy(() -> new ServiceQuota("a OR b", 1)).hasMessageContaining("not a service name or glob");
    assertThatThrownBy(() -> new ServiceQuota("a", -1)).hasMessageContaining("must be 0 (no limit) to");
  }
}
