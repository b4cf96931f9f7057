package dev.corral.server.retention;

import dev.corral.query.ast.And;
import dev.corral.query.ast.Not;
import dev.corral.query.ast.Or;
import dev.corral.query.ast.Query;
import dev.corral.server.config.ByteSize;
import dev.corral.server.config.DurationText;
import dev.corral.store.DeletionOutcome;
import dev.corral.store.LogStore;
import dev.corral.store.PartitionInfo;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One retention pass over the store's day partitions (docs/operations.md, "Retention"), oldest day
 * first:
 *
 * <ol>
 *   <li><b>age and rules</b>, per day, with {@code end} the end of the day (next UTC midnight): a
 *       rule <i>keeps</i> the day while {@code end + rule.max_age > now}, else it has <i>expired</i>
 *       for it. If {@code max_age} is set and {@code end + max_age <= now}: the day is dropped whole
 *       when no rule keeps it, else every event no keeping rule matches is deleted. Otherwise the
 *       events that match an expired rule and no keeping rule are deleted. So an event lives as long
 *       as the longest rule it matches, or {@code max_age} when it matches none;
 *   <li><b>size</b>: while the partitions take more than {@code max_bytes}, the oldest day is
 *       dropped;
 *   <li><b>never the live day</b>: the partition of today (by the server's UTC clock) or later, and
 *       the newest partition whatever its day, are never touched, so a clock running behind or ahead
 *       cannot delete the day being written.
 * </ol>
 *
 * <p>Deleting inside a day is the store's delete-by-query ({@code PartitionLifecycle.deleteMatching}),
 * which writes nothing when nothing matches: a second pass deletes nothing more. A drop leaves a
 * running query its files until it ends ({@code PartitionLifecycle.drop}). Not thread-safe: the
 * service runs one pass at a time.
 */
final class RetentionPass {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionPass.class);

  private final LogStore store;
  private final RetentionPolicy policy;
  private final Instant now;
  /** What the pass deleted so far, in order; the caller's, so that a failure part way still reports it. */
  private final List<DeletionRecord> done;

  private RetentionPass(LogStore store, RetentionPolicy policy, Instant now, List<DeletionRecord> done) {
    this.store = store;
    this.policy = policy;
    this.now = now;
    this.done = done;
  }

  /**
   * Runs a pass and returns what it deleted, in order.
   *
   * @throws PassFailedException when a step failed, with what the pass had deleted before
   */
  static List<DeletionRecord> run(Supplier<LogStore> store, RetentionPolicy policy, Instant now)
      throws PassFailedException {
    if (policy.keepsEverything()) {
      return List.of();
    }
    List<DeletionRecord> done = new ArrayList<>();
    try {
      RetentionPass pass = new RetentionPass(store.get(), policy, now, done);
      pass.byAgeAndRules();
      pass.bySize();
      return List.copyOf(done);
    } catch (IOException | RuntimeException e) {
      throw new PassFailedException(e, List.copyOf(done));
    }
  }

  private void byAgeAndRules() throws IOException {
    if (policy.maxAge().isZero() && policy.rules().isEmpty()) {
      return;
    }
    for (PartitionInfo partition : eligibleOldestFirst()) {
      Instant end = partition.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      List<RetentionRule> keeping = policy.rules().stream().filter(rule -> rule.keeps(end, now)).toList();
      List<RetentionRule> expired = policy.rules().stream().filter(rule -> !rule.keeps(end, now)).toList();
      boolean pastMaxAge = !policy.maxAge().isZero() && !end.plus(policy.maxAge()).isAfter(now);
      String maxAge = "max_age (" + DurationText.format(policy.maxAge()) + ")";
      if (pastMaxAge && keeping.isEmpty()) {
        drop(partition, maxAge);
      } else if (pastMaxAge) {
        delete(partition, new Not(anyOf(keeping)), maxAge + ", kept: " + labels(keeping));
      } else if (!expired.isEmpty()) {
        Query expiredEvents = anyOf(expired);
        delete(partition, keeping.isEmpty() ? expiredEvents : new And(List.of(expiredEvents, new Not(anyOf(keeping)))),
            (expired.size() == 1 ? "rule " : "rules ") + labels(expired));
      }
    }
  }

  private void bySize() throws IOException {
    if (policy.maxBytes() == 0) {
      return;
    }
    long total = store.searcher().partitions().stream().mapToLong(PartitionInfo::sizeBytes).sum();
    String reason = "max_bytes (" + ByteSize.format(policy.maxBytes()) + ")";
    for (PartitionInfo partition : eligibleOldestFirst()) {
      if (total <= policy.maxBytes()) {
        return;
      }
      drop(partition, reason);
      total -= partition.sizeBytes();
    }
    if (total > policy.maxBytes()) {
      LOG.atWarn().addKeyValue("bytes", total).addKeyValue("max_bytes", policy.maxBytes())
          .log("retention.max_bytes is below what the live day partition holds; it is never dropped");
    }
  }

  /** Every partition but the live day's (see the class comment), oldest first. */
  private List<PartitionInfo> eligibleOldestFirst() throws IOException {
    List<PartitionInfo> oldestFirst = new ArrayList<>(store.searcher().partitions());
    oldestFirst.sort(Comparator.comparing(PartitionInfo::day));
    if (!oldestFirst.isEmpty()) {
      oldestFirst.remove(oldestFirst.size() - 1); // the newest: where ingest writes, whatever the clock says
    }
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    oldestFirst.removeIf(partition -> !partition.day().isBefore(today));
    return oldestFirst;
  }

  private void drop(PartitionInfo partition, String reason) throws IOException {
    if (store.lifecycle().drop(partition.day())) {
      record(new DeletionRecord(now, partition.day(), DeletionRecord.Action.DROPPED, partition.docCount(),
          partition.sizeBytes(), reason));
    }
  }

  private void delete(PartitionInfo partition, Query events, String reason) throws IOException {
    Optional<DeletionOutcome> outcome = store.lifecycle().deleteMatching(partition.day(), events, now);
    if (outcome.isPresent() && outcome.get().deletedEvents() > 0) {
      record(new DeletionRecord(now, partition.day(), DeletionRecord.Action.DELETED, outcome.get().deletedEvents(),
          outcome.get().bytesReclaimed(), reason));
    }
  }

  private void record(DeletionRecord deletion) {
    done.add(deletion);
    LOG.atInfo().addKeyValue("day", deletion.day()).addKeyValue("action", deletion.action().label())
        .addKeyValue("events", deletion.events()).addKeyValue("bytes", deletion.bytes())
        .addKeyValue("reason", deletion.reason()).log("retention deleted");
  }

  private static Query anyOf(List<RetentionRule> rules) {
    return rules.size() == 1 ? rules.get(0).filter() : new Or(rules.stream().map(RetentionRule::filter).toList());
  }

  private static String labels(List<RetentionRule> rules) {
    return rules.stream().map(RetentionRule::label).collect(Collectors.joining(", "));
  }

  /** A pass that failed part way: the cause, and what it had deleted before. */
  static final class PassFailedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<DeletionRecord> done;

    PassFailedException(Throwable cause, List<DeletionRecord> done) {
      super(cause.getMessage(), cause);
      this.done = done;
    }

    List<DeletionRecord> done() {
      return done;
    }
  }
}
