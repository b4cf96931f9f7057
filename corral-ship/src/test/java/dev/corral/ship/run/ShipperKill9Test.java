package dev.corral.ship.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.TestServer;
import dev.corral.ship.testing.Counted;
import dev.corral.ship.testing.LogFiles;
import dev.corral.ship.testing.SharedCorral;
import dev.corral.ship.testing.ShipperProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real shipper process at random moments while an application appends to its file: afterwards
 * every line is in Corral, none more than twice, and the copies beyond one are at most one batch per kill (the
 * batch the server stored but whose acknowledgement the registry had not yet written). Each kill comes after the
 * restarted shipper has delivered something (so it resent what the previous kill left in flight), at a random
 * moment past that; two kills in a row before any delivery could send one batch three times. Rounds:
 * {@code corral.ship.kill_rounds} (3 in {@code ./mvnw verify}, 20 with {@code -Dcorral.perf=true}); the seed of the
 * kill moments is printed ({@code -Dcorral.ship.seed=…} repeats it).
 */
class ShipperKill9Test {
  private static final int ROUNDS = Integer.getInteger("corral.ship.kill_rounds",
      Boolean.getBoolean("corral.perf") ? 20 : 3);
  private static final int BATCH_EVENTS = 200;
  /** Lines the application writes per 20 ms. */
  private static final int LINES_PER_TICK = 40;
  /** Far more than the registry write after a delivery takes (milliseconds): a kill after it finds it written. */
  private static final int REGISTRY_WRITE_MILLIS = 300;

  @TempDir
  Path dir;

  @Test
  void afterKill9AtRandomMomentsEveryLineArrivesAtLeastOnceAndAtMostOneBatchPerKillTwice() throws Exception {
    long seed = Long.getLong("corral.ship.seed", System.nanoTime());
    System.out.println("ShipperKill9Test seed=" + seed + " rounds=" + ROUNDS);
    Random random = new Random(seed);
    Path log = dir.resolve("app.log");
    Path config = dir.resolve("ship.yaml");
    Path printed = dir.resolve("shipper.out");
    TestServer server = SharedCorral.get();
    Files.writeString(config, """
        output: {url: "%s", flush_interval: 50ms, batch_events: %d}
        inputs: [{paths: ["%s"]}]
        registry: "%s"
        status: {listen: "off"}
        """.formatted(server.uri(""), BATCH_EVENTS, log, dir.resolve("registry")));
    AtomicLong written = new AtomicLong();
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread writer = Thread.ofPlatform().name("application").start(() -> {
      try {
        while (writing.get()) {
          long from = written.get() + 1;
          LogFiles.append(log, "shipkill", from, from + LINES_PER_TICK - 1);
          written.addAndGet(LINES_PER_TICK);
          Thread.sleep(20);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    for (int round = 0; round < ROUNDS; round++) {
      long stored = storedLines(server);
      ShipperProcess shipper = ShipperProcess.start(config, printed);
      for (int wait = 0; wait < 600 && storedLines(server) == stored; wait++) {
        assertThat(shipper.isAlive()).as("shipper alive, it said: %s", shipper.printed()).isTrue();
        Thread.sleep(100);
      }
      Thread.sleep(REGISTRY_WRITE_MILLIS + random.nextInt(1_300));
      assertThat(shipper.isAlive()).as("shipper alive before kill, it said: %s", shipper.printed()).isTrue();
      shipper.kill9();
    }
    writing.set(false);
    writer.join();
    long total = written.get();
    Counted counted;
    try (ShipperProcess last = ShipperProcess.start(config, printed)) {
      counted = awaitAllFound(server, total, last);
    }
    System.out.println("ShipperKill9Test lines=" + total + " " + counted);
    assertThat(counted.missing()).isZero();
    assertThat(counted.maxCopies()).isLessThanOrEqualTo(2);
    assertThat(counted.extra()).isLessThanOrEqualTo((long) ROUNDS * BATCH_EVENTS);
  }

  private static long storedLines(TestServer server) {
    return server.search("service:shipkill", "&limit=0").path("total").asLong();
  }

  /** Waits (60 s at most) until no line is missing, failing at once if the shipper dies. */
  private static Counted awaitAllFound(TestServer server, long total, ShipperProcess shipper) throws Exception {
    Counted counted = Counted.of(server, "shipkill", total);
    for (int attempt = 0; attempt < 600 && counted.missing() > 0; attempt++) {
      assertThat(shipper.isAlive()).as("last shipper alive, it said: %s", shipper.printed()).isTrue();
      Thread.sleep(100);
      counted = Counted.of(server, "shipkill", total);
    }
    return counted;
  }
}
