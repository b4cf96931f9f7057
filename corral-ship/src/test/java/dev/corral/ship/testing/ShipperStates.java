package dev.corral.ship.testing;

import dev.corral.ship.run.Shipper;
import dev.corral.ship.status.StatusReport;
import java.time.Duration;
import java.util.function.Predicate;

/** Waits for a running shipper's status to reach a state (polled every 50 ms; fails with the last status). */
public final class ShipperStates {
  /** Long enough for a loaded machine; a shipper that gets there does so far sooner. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

  private ShipperStates() {
  }

  public static StatusReport await(Shipper shipper, Predicate<StatusReport> condition) throws InterruptedException {
    return await(shipper, condition, DEFAULT_WAIT);
  }

  public static StatusReport await(Shipper shipper, Predicate<StatusReport> condition, Duration atMost)
      throws InterruptedException {
    for (long attempt = 0; attempt < atMost.toMillis() / 50; attempt++) {
      StatusReport status = shipper.status();
      if (condition.test(status)) {
        return status;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the shipper never reached the expected state: " + shipper.status());
  }
}
