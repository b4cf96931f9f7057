package dev.corral.server.ingest;

import dev.corral.model.LogEvent;
import dev.corral.server.limits.Rate;
import dev.corral.server.limits.RateBuckets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The rate step of {@link IngestSink#append}: a request's API key may send at most its events per
 * second, and each service at most its quota ({@link ServiceQuotas}). A request over either is
 * refused as a whole with {@link Refusal.RateLimited}, nothing of it spent or stored, so the noisy
 * key's or service's shipper backs off while other keys' and services' requests pass.
 *
 * <p><b>What counts.</b> For the key, every record the request stores (events and dead letters).
 * For a service, its processed events (after the pipelines, so routing counts what is stored);
 * an event without a service counts for the service {@code ""}, which only the default quota (or a
 * {@code *} quota) limits.
 *
 * <p><b>Burst.</b> A bucket holds one second of its rate; a request larger than that is taken when
 * the bucket is full and leaves it in debt ({@link RateBuckets}), so it is delayed, never refused
 * forever. Set a rate at least as large as the largest batch a shipper sends, or its batches wait.
 *
 * <p><b>All or nothing.</b> Tokens are taken from the key's bucket, then from each service's; when
 * one is short, those taken are given back. A request refused later on its way (indexing backlog,
 * disk full) gives its tokens back too ({@link Grant#giveBack()}). Thread-safe.
 */
public final class IngestRateLimits {
  /** More keys than a key file holds in practice; the least recently used beyond is forgotten (starts full). */
  public static final int MAX_TRACKED_KEYS = 10_000;
  /**
   * Distinct services with a bucket at once: a fleet has hundreds; a sender inventing names gets
   * the least recently used forgotten (starting over full) instead of exhausting memory.
   */
  public static final int MAX_TRACKED_SERVICES = 10_000;

  private final ServiceQuotas quotas;
  private final RateBuckets keys;
  private final RateBuckets services;
  private final LongAdder keyLimited = new LongAdder();
  private final LongAdder serviceLimited = new LongAdder();

  /** Limits on the given buckets (tests pass buckets on a controllable clock). */
  public IngestRateLimits(ServiceQuotas quotas, RateBuckets keys, RateBuckets services) {
    this.quotas = quotas;
    this.keys = keys;
    this.services = services;
  }

  /** Limits on the system clock, bounded by {@link #MAX_TRACKED_KEYS} and {@link #MAX_TRACKED_SERVICES}. */
  public static IngestRateLimits of(ServiceQuotas quotas) {
    return new IngestRateLimits(quotas, RateBuckets.bounded(MAX_TRACKED_KEYS), RateBuckets.bounded(MAX_TRACKED_SERVICES));
  }

  /** Tokens taken for one request, to give back if it is refused after all. */
  public static final class Grant {
    private record Taken(RateBuckets buckets, String name, Rate rate, long tokens) {}

    private final List<Taken> taken = new ArrayList<>();

    private void add(RateBuckets buckets, String name, Rate rate, long tokens) {
      taken.add(new Taken(buckets, name, rate, tokens));
    }

    /** Gives every token taken back: the request was refused after all. */
    public void giveBack() {
      for (Taken t : taken) {
        t.buckets().giveBack(t.name(), t.rate(), t.tokens());
      }
      taken.clear();
    }
  }

  /**
   * Takes the request's tokens from its key's bucket and its services' buckets, all or none.
   *
   * @param records every record the request stores (events and dead letters), counted for the key
   * @param events its processed events, counted per service
   * @throws IngestRejection {@link Refusal.RateLimited} naming the key or the service, the limit
   *     and the wait; nothing taken
   */
  public Grant take(Sender sender, int records, List<LogEvent> events) throws IngestRejection {
    Grant grant = new Grant();
    Rate keyRate = Rate.perSecond(sender.eventsPerSecond());
    RateBuckets.Take key = keys.take(sender.keyId(), keyRate, records);
    if (!key.taken()) {
      keyLimited.increment();
      throw new IngestRejection(new Refusal.RateLimited(key.retryAfterSeconds(), "key " + sender.keyId()),
          "API key " + sender.keyId() + " may send " + sender.eventsPerSecond() + " events/s (burst "
              + keyRate.capacity() + "); this request of " + records + " is over it; nothing was stored; retry after "
              + key.retryAfterSeconds() + " s");
    }
    grant.add(keys, sender.keyId(), keyRate, records);
    if (!quotas.any()) {
      return grant;
    }
    for (Map.Entry<String, Long> service : countByService(events).entrySet()) {
      Rate rate = quotas.rateOf(service.getKey());
      RateBuckets.Take take = services.take(service.getKey(), rate, service.getValue());
      if (!take.taken()) {
        grant.giveBack();
        serviceLimited.increment();
        throw new IngestRejection(new Refusal.RateLimited(take.retryAfterSeconds(), "service " + service.getKey()),
            "service '" + service.getKey() + "' may store " + rate.tokens() + " events/s (ingest.service_quotas); this "
                + "request holds " + service.getValue() + " of its events and is over it; nothing was stored; retry "
                + "after " + take.retryAfterSeconds() + " s");
      }
      grant.add(services, service.getKey(), rate, service.getValue());
    }
    return grant;
  }

  private static Map<String, Long> countByService(List<LogEvent> events) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (LogEvent event : events) {
      String service = event.service();
      counts.merge(service == null ? "" : service, 1L, Long::sum);
    }
    return counts;
  }

  /** Requests refused since start because their key sent too many events per second. */
  public long keyLimited() {
    return keyLimited.sum();
  }

  /** Requests refused since start because a service was over its quota. */
  public long serviceLimited() {
    return serviceLimited.sum();
  }

  /** Services with a bucket now; at most {@link #MAX_TRACKED_SERVICES}. */
  public int trackedServices() {
    return services.tracked();
  }

  /** Keys with an events bucket now. */
  public int trackedKeys() {
    return keys.tracked();
  }
}
