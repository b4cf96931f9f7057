package dev.corral.server.alerts.rules;

import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import dev.corral.query.eval.EventFilter;
import dev.corral.server.alerts.Evaluation;
import dev.corral.server.alerts.Observation;
import dev.corral.server.alerts.RuleKind;
import dev.corral.server.audit.AuditEvents;
import dev.corral.wal.DurableSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Match rules on the live stream: a live consumer of the write-ahead log ({@link #durable}, on the
 * WAL writer thread, only queues the batch) and a thread ({@code corral-alerts-match}) that runs
 * each enabled match rule's filter on every event of each batch, in WAL order. Matches are
 * reported at most once per rule's {@code settings.throttle}: one evaluation carrying the count of
 * matches since the last report and the first {@code settings.sample} matching events; after a
 * report, the first throttle period without a match reports one clear evaluation (no instance), so
 * the state part can resolve. Delivery is at most once: when the queue of {@value #MAX_QUEUED_BATCHES}
 * batches is full (the matcher fell behind), the batch is skipped and counted in {@code dropped_events}
 * (stats, and the next report's details). Audit events ({@code logtype:audit}) are counted but never
 * sampled: a report reaches alert instances every read key sees and channels outside Corral, and the
 * audit log is the admins' alone. Thread-safe.
 */
public final class MatchWatcher implements DurableSink<EventBatch>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MatchWatcher.class);
  /** A request's batch is up to a few MiB; a thousand of them is the most memory a slow matcher may hold. */
  static final int MAX_QUEUED_BATCHES = 1024;
  /** How often throttled reports are looked for when no batch arrives. */
  private static final long IDLE_POLL_MILLIS = 200;
  /** A message kept in a report is cut to this: the sample shows the pattern, the search shows the rest. */
  private static final int MAX_SAMPLE_MESSAGE_CHARS = 1000;

  private final RuleLibrary library;
  private final Clock clock;
  private final int maxInstances;
  private final BiConsumer<CompiledRule, Evaluation> report;
  private final BlockingQueue<EventBatch> queue = new ArrayBlockingQueue<>(MAX_QUEUED_BATCHES);
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong matched = new AtomicLong();
  private final Map<String, Pending> pending = new HashMap<>();
  private final Map<CompiledRule, Predicate<LogEvent>> filters = new HashMap<>();
  private Thread thread;
  private volatile boolean closed;

  /** A rule's matches since its last report. */
  private static final class Pending {
    CompiledRule rule;
    long count;
    final List<Map<String, Object>> sample = new ArrayList<>();
    Instant lastReport;
    boolean reportedMatches;
  }

  MatchWatcher(RuleLibrary library, Clock clock, int maxInstances, BiConsumer<CompiledRule, Evaluation> report) {
    this.library = library;
    this.clock = clock;
    this.maxInstances = maxInstances;
    this.report = report;
  }

  void start() {
    thread = new Thread(this::matchUntilClosed, "corral-alerts-match");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void durable(long position, long nextPosition, EventBatch batch) {
    if (!queue.offer(batch)) {
      dropped.addAndGet(batch.size());
    }
  }

  private void matchUntilClosed() {
    while (!closed) {
      try {
        EventBatch batch = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        List<CompiledRule> rules = library.loaded().rules().values().stream()
            .filter(rule -> rule.rule().kind() == RuleKind.MATCH && rule.rule().enabled()).toList();
        if (batch != null) {
          match(batch, rules);
        }
        reportDue(rules, clock.instant());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.atError().addKeyValue("reason", e.toString()).setCause(e).log("BUG: match rules failed on a batch");
      }
    }
  }

  private void match(EventBatch batch, List<CompiledRule> rules) {
    for (CompiledRule rule : rules) {
      Predicate<LogEvent> filter = filters.computeIfAbsent(rule, r -> EventFilter.compile(r.plan().filter(),
          clock.instant()));
      Pending state = pending.computeIfAbsent(rule.rule().name(), name -> new Pending());
      state.rule = rule;
      int sample = rule.settings(MatchSettings.class).sample();
      for (LogEvent event : batch.events()) {
        if (filter.test(event)) {
          state.count++;
          matched.incrementAndGet();
          if (state.sample.size() < sample && !AuditEvents.isAudit(event)) { // audit events: admins' only
            state.sample.add(sampled(event));
          }
        }
      }
    }
    filters.keySet().retainAll(rules);
  }

  private void reportDue(List<CompiledRule> rules, Instant now) {
    pending.keySet().retainAll(rules.stream().map(rule -> rule.rule().name()).toList());
    for (Pending state : pending.values()) {
      Duration throttle = state.rule.settings(MatchSettings.class).throttle();
      boolean due = state.lastReport == null || !now.isBefore(state.lastReport.plus(throttle));
      if (!due || state.count == 0 && !state.reportedMatches) {
        continue;
      }
      Instant from = state.lastReport == null ? now : state.lastReport;
      List<Observation> observations = new ArrayList<>();
      if (state.count > 0) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("count", state.count);
        details.put("events", List.copyOf(state.sample));
        details.put("dropped_events", dropped.get());
        observations.add(new Observation(Map.of(), state.count, details));
      }
      report.accept(state.rule, new Evaluation(state.rule.rule().name(), now, from, now,
          observations.subList(0, Math.min(observations.size(), maxInstances)), state.count, state.count, false,
          Optional.empty(), Duration.ZERO));
      state.reportedMatches = state.count > 0;
      state.count = 0;
      state.sample.clear();
      state.lastReport = now;
    }
  }

  private static Map<String, Object> sampled(LogEvent event) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("timestamp", Instant.ofEpochSecond(0, event.timestamp()).toString());
    json.put("level", event.level().name());
    json.put("service", event.service() == null ? "" : event.service());
    String message = event.message();
    json.put("message", message.length() > MAX_SAMPLE_MESSAGE_CHARS ? message.substring(0, MAX_SAMPLE_MESSAGE_CHARS)
        : message);
    Object trace = event.get("trace_id");
    if (trace != null) {
      json.put("trace_id", trace.toString());
    }
    return json;
  }

  /** {@code {"matched_events": n, "dropped_events": n, "queued_batches": n}}. */
  Map<String, Object> stats() {
    return Map.of("matched_events", matched.get(), "dropped_events", dropped.get(), "queued_batches", queue.size());
  }

  @Override
  public void close() {
    closed = true;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
