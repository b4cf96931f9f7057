package dev.corral.server.alerts;

import java.util.List;

/**
 * Sends notifications to named channels; implemented by {@code alerts.notify}. Asynchronous: returns
 * at once and never blocks on the network; retries, timeouts, rate limits and the delivery log are
 * the notifier's business. Thread-safe.
 */
@FunctionalInterface
public interface Notifier {
  /**
   * Queues {@code notification} for each of {@code channels}; an unknown channel name is recorded in
   * the delivery log as a failure (rules are validated against the channels when they are saved).
   */
  void send(List<String> channels, Notification notification);
}
