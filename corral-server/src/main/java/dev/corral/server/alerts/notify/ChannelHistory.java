package dev.corral.server.alerts.notify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * What one channel has done, kept across reloads of {@code channels.yaml} while the channel keeps its name: the
 * last {@value #MAX_ENTRIES} entries of its delivery log, the last error and counts per outcome. Each outcome
 * is also reported to {@code metric} (the {@code corral_alert_notifications_total} counter). Thread-safe.
 */
final class ChannelHistory {
  /** Enough to see a whole incident's messages and their retries; the log is for looking, not for audit. */
  static final int MAX_ENTRIES = 100;

  /** The final outcomes of a notification, as counted. */
  enum Outcome { DELIVERED, FAILED, DROPPED, GROUPED }

  private final String channel;
  private final BiConsumer<String, String> metric;
  private final Deque<DeliveryAttempt> entries = new ArrayDeque<>();
  private final Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
  private DeliveryAttempt lastError;

  /** @param metric takes (channel, outcome) once per notification outcome */
  ChannelHistory(String channel, BiConsumer<String, String> metric) {
    this.channel = channel;
    this.metric = metric;
  }

  /** Records an entry; a final outcome ({@code retrying} is not one) is counted and reported. */
  synchronized void record(DeliveryAttempt entry) {
    if (entries.size() == MAX_ENTRIES) {
      entries.removeLast();
    }
    entries.addFirst(entry);
    if (entry.failedAttempt()) {
      lastError = entry;
    }
    if (!entry.outcome().equals("retrying")) {
      Outcome outcome = Outcome.valueOf(entry.outcome().toUpperCase(java.util.Locale.ROOT));
      counts.merge(outcome, 1L, Long::sum);
      metric.accept(channel, entry.outcome());
    }
  }

  /** The log, newest first. */
  synchronized List<DeliveryAttempt> entries() {
    return new ArrayList<>(entries);
  }

  /** The most recent failed attempt, if any. */
  synchronized Optional<DeliveryAttempt> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** How many notifications ended with {@code outcome}. */
  synchronized long count(Outcome outcome) {
    return counts.getOrDefault(outcome, 0L);
  }

  /** {@code idle} before any delivery, else from the newest entry: ok, retrying, failing or dropping. */
  synchronized String state() {
    DeliveryAttempt newest = entries.peekFirst();
    if (newest == null) {
      return "idle";
    }
    return switch (newest.outcome()) {
      case "delivered", "grouped" -> "ok";
      case "retrying" -> "retrying";
      case "dropped" -> "dropping";
      default -> "failing";
    };
  }
}
