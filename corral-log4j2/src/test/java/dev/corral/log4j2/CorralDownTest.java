package dev.corral.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.client.ClientStats;
import dev.corral.client.ClosedPort;
import java.util.Map;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;

/**
 * With Corral unreachable (a port nobody listens on), an application thread logs {@link #EVENTS} events through
 * a real Log4j 2 configuration and finishes; every event is dropped and counted, by level, exactly. No timing
 * is asserted. {@code -Dcorral.appender.events=N} changes the count.
 */
class CorralDownTest {
  /** A million log calls run in a few seconds on this machine's 2 shared cores. */
  static final int EVENTS = Integer.getInteger("corral.appender.events", 1_000_000);

  @Test
  void anApplicationThreadLogsAMillionEventsWithCorralDownAndEveryDropIsCounted() throws Exception {
    LoggerContext context = Log4jContexts.configure("log4j2-corral-down.xml",
        Map.of("corral.test.url", ClosedPort.uri().toString()));
    Logger log = context.getLogger("shop.inventory.Load");
    long[] logged = new long[3];
    Thread application = new Thread(() -> {
      for (int i = 0; i < EVENTS; i++) {
        switch (i % 10) {
          case 0 -> { log.debug("debug {}", i); logged[0]++; }
          case 9 -> { log.error("error {}", i); logged[2]++; }
          default -> { log.info("info {}", i); logged[1]++; }
        }
      }
    }, "application");
    application.start();
    application.join();
    CorralAppender appender = Log4jContexts.corralAppender(context);

    context.stop();

    ClientStats stats = appender.stats();
    assertThat(stats.logged()).isEqualTo(EVENTS);
    assertThat(stats.delivered() + stats.rejected() + stats.spilled() + stats.queued() + stats.inFlight()).isZero();
    assertThat(stats.dropped()).isEqualTo(EVENTS);
    assertThat(stats.droppedByLevel()).isEqualTo(Map.of("DEBUG", logged[0], "INFO", logged[1], "ERROR", logged[2]));
  }
}
