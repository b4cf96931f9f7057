package dev.corral.server;

import dev.corral.testkafka.KafkaTestBroker;
import dev.corral.testkafka.SecureListeners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real KRaft broker for every Kafka test class of this test JVM: a broker start takes 15 to 30 seconds here,
 * so classes share one instead of starting their own. Started by the first use, stopped by the broker's own
 * shutdown hook when the JVM exits. Classes keep out of each other's way with topic and group names of their own.
 *
 * <p>Besides its PLAINTEXT listener it has the secure ones ({@link SecureListeners}): user {@link #USER} with
 * {@link #PASSWORD} over SASL PLAIN and SCRAM-SHA-512, and TLS signed by {@link KafkaTestBroker#caCertificate()}.
 *
 * <p>A test class registers it as an extension, which opens {@link #topics()} on the plain listener before its
 * tests and, after them, closes it and starts the broker again should a test have left it stopped or killed:
 * <pre>{@code
 * @RegisterExtension
 * static final SharedKafkaBroker kafka = new SharedKafkaBroker();
 * }</pre>
 */
public final class SharedKafkaBroker implements BeforeAllCallback, AfterAllCallback {
  /** The user the secure listeners know. */
  public static final String USER = "corral-reader";
  /** {@link #USER}'s password: distinctive, so a test can tell it never reached a log line or an API answer. */
  public static final String PASSWORD = "pw-5a1f93c7-never-logged";
  private static KafkaTestBroker broker;
  private KafkaTopics topics;

  /** The running broker of this JVM, started on first use. */
  public static synchronized KafkaTestBroker get() {
    if (broker == null) {
      try {
        Path dir = Files.createTempDirectory("corral-kafka-broker");
        broker = KafkaTestBroker.start(dir, Map.of(), new SecureListeners(Map.of(USER, PASSWORD)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the shared test broker: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the shared test broker", e);
      }
    }
    return broker;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    topics = new KafkaTopics(get().bootstrapServers());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (topics != null) {
      topics.close();
      topics = null;
    }
    get().start(); // no effect when it runs
  }

  /** The shared broker (for a test class that registered this extension). */
  public KafkaTestBroker broker() {
    return get();
  }

  /** Topics of the shared broker, through its plain listener; open between the class's first and last test. */
  public KafkaTopics topics() {
    if (topics == null) {
      throw new IllegalStateException("BUG: SharedKafkaBroker.topics() outside a test class that registered it");
    }
    return topics;
  }
}
