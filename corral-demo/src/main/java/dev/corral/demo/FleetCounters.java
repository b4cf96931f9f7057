package dev.corral.demo;

import java.util.concurrent.atomic.AtomicLong;

/** The live counters behind {@link FleetStats}; written by the fleet's threads, read by anyone. */
final class FleetCounters {
  final AtomicLong generated = new AtomicLong();
  final AtomicLong accepted = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong batchesSent = new AtomicLong();
  final AtomicLong retries = new AtomicLong();
  private volatile String lastError;

  void error(String message) {
    lastError = message;
  }

  FleetStats snapshot() {
    return new FleetStats(generated.get(), accepted.get(), rejected.get(), dropped.get(), batchesSent.get(),
        retries.get(), lastError);
  }
}
