package dev.corral.server;

import dev.corral.testkafka.KafkaTestBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real KRaft broker for every Kafka test class of this test JVM: a broker start takes 15 to 30
 * seconds here, so classes share one instead of starting their own. Started by the first call,
 * stopped by the broker's own shutdown hook when the JVM exits. Classes keep out of each other's way
 * with topic and group names of their own; a test that stops the broker starts it again before it ends.
 */
public final class SharedKafkaBroker {
  private static KafkaTestBroker broker;

  private SharedKafkaBroker() {}

  /** The running broker, started on first use. */
  public static synchronized KafkaTestBroker get() throws InterruptedException {
    if (broker == null) {
      try {
        Path dir = Files.createTempDirectory("corral-kafka-broker");
        broker = KafkaTestBroker.start(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the shared test broker: " + e.getMessage(), e);
      }
    }
    return broker;
  }
}
