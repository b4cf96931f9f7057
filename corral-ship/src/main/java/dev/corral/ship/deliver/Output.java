package dev.corral.ship.deliver;

import java.util.List;

/**
 * Sends one batch of events in one request and says what became of it. Never throws for a failed request: every
 * failure is a {@link SendResult}. Called from the sender thread only.
 */
interface Output extends AutoCloseable {
  /**
   * Sends {@code events}, to run the server pipeline {@code pipeline} (null: none named); interrupted only when
   * the shipper is killed, never in a normal stop.
   */
  SendResult send(List<String> events, String pipeline) throws InterruptedException;

  @Override
  default void close() {
  }
}
