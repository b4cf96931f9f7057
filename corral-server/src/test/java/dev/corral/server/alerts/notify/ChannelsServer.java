package dev.corral.server.alerts.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import dev.corral.server.alerts.Notifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real Corral server whose {@code alerts/channels.yaml} the test writes, with the {@link Notifier} of its
 * alert channels service (what {@code alerts.state} sends through) reached through the server's test seam.
 * Retries wait 10 ms and the file is checked every 100 ms, so failures and reloads are quick to see.
 */
final class ChannelsServer implements AutoCloseable {
  final TestServer server;
  final Notifier notifier;

  private ChannelsServer(TestServer server, Notifier notifier) {
    this.server = server;
    this.notifier = notifier;
  }

  static ChannelsServer start(Path data, String channelsYaml, Map<String, String> overrides) throws IOException {
    Files.createDirectories(data.resolve("alerts"));
    Files.writeString(data.resolve("alerts/channels.yaml"), channelsYaml);
    Map<String, String> settings = new HashMap<>(Map.of("alerts.notify_backoff", "10ms",
        "alerts.channels_reload_interval", "100ms", "alerts.notify_timeout", "2s"));
    settings.putAll(overrides);
    AtomicReference<Notifier> notifier = new AtomicReference<>();
    TestServer server = TestServer.startWith(data, settings, services -> {
      services.stream().filter(AlertChannelsService.class::isInstance).map(AlertChannelsService.class::cast)
          .forEach(found -> notifier.set(found.notifier()));
      return () -> "test-alert-channels";
    });
    return new ChannelsServer(server, notifier.get());
  }

  /** The channel's entry of {@code GET /api/v1/alerts/channels}. */
  JsonNode channel(String name) {
    for (JsonNode channel : server.get("/api/v1/alerts/channels").json().path("channels")) {
      if (channel.path("name").asText().equals(name)) {
        return channel;
      }
    }
    throw new AssertionError("no channel " + name + " in " + server.get("/api/v1/alerts/channels").body());
  }

  /**
   * Waits until channel {@code name}'s delivery log has an entry with outcome {@code outcome} (at most about
   * 30 s, a loaded machine's worst), and returns the channel's entry.
   */
  JsonNode awaitOutcome(String name, String outcome, int count) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    JsonNode channel = channel(name);
    while (System.currentTimeMillis() < deadline) {
      int seen = 0;
      for (JsonNode entry : channel.path("deliveries")) {
        seen += entry.path("outcome").asText().equals(outcome) ? 1 : 0;
      }
      if (seen >= count) {
        return channel;
      }
      Thread.sleep(20);
      channel = channel(name);
    }
    throw new AssertionError("channel " + name + " never logged " + count + " x " + outcome + ": " + channel);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
