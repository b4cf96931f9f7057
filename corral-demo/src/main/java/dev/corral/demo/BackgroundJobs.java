package dev.corral.demo;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Scheduled work the services do between requests (logtype {@code background}). */
final class BackgroundJobs {
  /** Share of job runs that fail. */
  static final double FAILURE_RATE = 0.02;

  private record Job(String service, String name, String unit, double medianMs) {}

  private static final List<Job> JOBS = List.of(
      new Job("inventory", "syncStockLevels", "skus", 900),
      new Job("analytics-ingest", "flushBatch", "events", 250),
      new Job("email-service", "drainSendQueue", "emails", 400),
      new Job("recommendation", "refreshModel", "users", 4_000),
      new Job("search-service", "reindexChangedProducts", "documents", 1_500),
      new Job("audit-log", "rotateSegments", "segments", 120),
      new Job("session-service", "expireSessions", "sessions", 60),
      new Job("loyalty-service", "accruePoints", "accounts", 700),
      new Job("notification", "retryFailedDeliveries", "notifications", 200),
      new Job("payment-gateway", "settlementBatch", "payments", 2_500),
      new Job("image-resizer", "evictCache", "images", 300),
      new Job("shipping", "pollCarrierStatus", "shipments", 1_100),
      new Job("order-service", "cancelUnpaidOrders", "orders", 350),
      new Job("fraud-detection", "reloadRules", "rules", 150));

  private final Dice dice;
  private final Map<String, List<Pod>> pods;
  private final Consumer<SimEvent> sink;

  BackgroundJobs(Dice dice, Map<String, List<Pod>> pods, Consumer<SimEvent> sink) {
    this.dice = dice;
    this.pods = pods;
    this.sink = sink;
  }

  /** Runs one job starting at {@code start}: a start line, then a finish or failure line. */
  void run(Instant start) {
    Job job = dice.pick(JOBS);
    ShopService service = ShopCatalog.service(job.service());
    Pod pod = dice.pick(pods.get(service.name()));
    String trace = dice.hex(32);
    String span = dice.hex(16);
    String runId = "run-" + dice.hex(8);
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("job", job.name());
    context.put("job_run_id", runId);
    emit(start, pod, Severity.INFO, "job " + job.name() + " started", trace, span, job.name(), null, null, context);
    double ms = Math.round(dice.logNormal(job.medianMs(), 0.6) * 10) / 10.0;
    Instant end = RequestSimulation.plusMs(start, ms);
    if (dice.chance(FAILURE_RATE)) {
      String[] f = FailureCatalog.jobFailure(service.platform(), dice);
      emit(end, pod, Severity.ERROR, "job " + job.name() + " failed: " + f[1], trace, span, job.name(),
          StackTraces.of(service, job.name(), f[0], f[1], null), ms, context);
      return;
    }
    context.put("processed", dice.between(0, 5_000));
    context.put("unit", job.unit());
    emit(end, pod, Severity.INFO, "job " + job.name() + " finished in " + ms + " ms", trace, span, job.name(), null,
        ms, context);
  }

  private void emit(Instant at, Pod pod, Severity severity, String message, String trace, String span, String handler,
      Failure failure, Double durationMs, Map<String, Object> context) {
    int memory = (int) Math.round(pod.service().memoryMb() * (0.9 + 0.4 * dice.uniform()));
    sink.accept(new SimEvent(at, pod, severity, "background", message, trace, span, null, null, handler, null, null,
        failure, durationMs, memory, context));
  }
}
