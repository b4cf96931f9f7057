package dev.corral.ship.run;

import dev.corral.ship.config.ShipConfig;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a shipper until the process is told to stop (SIGTERM, SIGINT: a JVM shutdown hook stops it with
 * {@link Shipper#DEFAULT_FLUSH_LIMIT}). Used by {@code corral ship} and by tests that start a shipper as a child
 * process; after {@code kill -9} nothing is flushed, and the registry and spool make the next run resume.
 */
public final class ShipMain {
  private ShipMain() {
  }

  /** Starts the shipper and blocks until the JVM shuts down. */
  public static void runUntilStopped(ShipConfig config, InputOpener inputs) throws IOException, InterruptedException {
    Shipper shipper = Shipper.start(config, inputs);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      shipper.stop(Shipper.DEFAULT_FLUSH_LIMIT);
      stopped.countDown();
    }, "corral-ship-stop"));
    stopped.await();
  }
}
