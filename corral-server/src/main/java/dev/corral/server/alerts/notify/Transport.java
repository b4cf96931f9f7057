package dev.corral.server.alerts.notify;

import dev.corral.server.alerts.Notification;

/**
 * Sends one notification to one channel's target, once, within the configured timeouts: no retry here (the
 * {@link ChannelWorker} retries). Called from the channel's own delivery thread only.
 */
@FunctionalInterface
interface Transport {
  /**
   * Makes one attempt.
   *
   * @throws InterruptedException when the channel is being stopped
   */
  AttemptResult send(Notification notification) throws InterruptedException;
}
