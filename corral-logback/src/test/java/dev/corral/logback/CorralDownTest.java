package dev.corral.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import dev.corral.client.ClientStats;
import dev.corral.client.ClosedPort;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The proof that nothing blocks when Corral is down: with Corral unreachable (a port nobody listens on),
 * an application thread logs {@link #EVENTS} events through a real Logback configuration and finishes; every
 * event is dropped and counted, by level, exactly. No timing is asserted: the thread finishing at all, with a
 * queue of 1,000, is the proof. {@code -Dcorral.appender.events=N} changes the count.
 */
class CorralDownTest {
  /** A million log calls run in about a second or two on this machine's 2 shared cores. */
  static final int EVENTS = Integer.getInteger("corral.appender.events", 1_000_000);

  @Test
  void anApplicationThreadLogsAMillionEventsWithCorralDownAndEveryDropIsCounted() throws Exception {
    LoggerContext context = LogbackContexts.configure("logback-corral-down.xml",
        Map.of("CORRAL_URL", ClosedPort.uri().toString()));
    Logger log = context.getLogger("shop.checkout.Load");
    long[] logged = new long[3];
    Thread application = new Thread(() -> {
      for (int i = 0; i < EVENTS; i++) {
        switch (i % 10) {
          case 0 -> { log.debug("debug {}", i); logged[0]++; }
          case 9 -> { log.warn("warn {}", i); logged[2]++; }
          default -> { log.info("info {}", i); logged[1]++; }
        }
      }
    }, "application");
    application.start();
    application.join();
    CorralAppender appender = LogbackContexts.corralAppender(context);

    context.stop();

    ClientStats stats = appender.stats();
    assertThat(stats.logged()).isEqualTo(EVENTS);
    assertThat(stats.delivered() + stats.rejected() + stats.spilled() + stats.queued() + stats.inFlight()).isZero();
    assertThat(stats.dropped()).isEqualTo(EVENTS);
    assertThat(stats.droppedByLevel()).isEqualTo(Map.of("DEBUG", logged[0], "INFO", logged[1], "WARN", logged[2]));
  }
}
