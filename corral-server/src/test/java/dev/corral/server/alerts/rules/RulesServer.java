package dev.corral.server.alerts.rules;

import dev.corral.server.MovableClock;
import dev.corral.server.TestServer;
import dev.corral.server.config.AlertsSection;
import dev.corral.server.search.SearchService;
import dev.corral.server.storage.StoreService;
import dev.corral.server.storage.WalService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A real server whose alert rules service hands its evaluations to a {@link RecordingSink} and
 * runs on a {@link MovableClock} (the production service is switched off with {@code
 * alerts.enabled: false} and this one added in its place, routes and WAL consumer included).
 */
final class RulesServer implements AutoCloseable {
  final TestServer server;
  final MovableClock clock;
  final RecordingSink sink = new RecordingSink();
  final Path rules;
  /** The server's open store (for the store's own test seams). */
  java.util.function.Supplier<dev.corral.store.LogStore> store;

  private RulesServer(Path data, Instant start, Map<String, String> overrides, int maxConcurrent, Duration evalTimeout,
      int maxInstances) throws IOException {
    this.clock = new MovableClock(start);
    this.rules = data.resolve("alerts");
    Files.createDirectories(rules);
    Map<String, String> settings = new HashMap<>(Map.of("alerts.enabled", "false", "ingest.max_past", "0"));
    settings.putAll(overrides);
    AlertsSection config = new AlertsSection(true, rules, Duration.ofMillis(100), maxConcurrent, evalTimeout,
        maxInstances, Duration.ZERO);
    this.server = TestServer.startWith(data, settings, services -> {
      SearchService search = find(services, SearchService.class);
      StoreService storeService = find(services, StoreService.class);
      store = storeService::store;
      AlertRulesService alerts = new AlertRulesService(config, search::queries, storeService::store, sink, clock,
          () -> true);
      find(services, WalService.class).addLiveConsumer("alerts-match", alerts.matchConsumer());
      return alerts;
    });
  }

  static RulesServer start(Path data, Instant start) throws IOException {
    return new RulesServer(data, start, Map.of(), 2, Duration.ofSeconds(30), 1000);
  }

  static RulesServer start(Path data, Instant start, Map<String, String> overrides, int maxConcurrent,
      Duration evalTimeout, int maxInstances) throws IOException {
    return new RulesServer(data, start, overrides, maxConcurrent, evalTimeout, maxInstances);
  }

  private static <T> T find(java.util.List<dev.corral.server.service.Service> services, Class<T> type) {
    return services.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  /** Writes a rule file by hand (as git would). */
  void write(String file, String text) throws IOException {
    Files.writeString(rules.resolve(file), text);
  }

  /** Waits until the rule {@code name} is loaded (the directory is checked every 100 ms). */
  void awaitLoaded(String name) throws InterruptedException {
    dev.corral.server.Await.until("rule " + name + " loaded", () -> {
      TestServer.Reply reply = server.get("/api/v1/alerts/rules/" + name);
      return reply.status() == 200 && !reply.json().path("rule").isNull();
    });
  }

  /** One NDJSON event at {@code at}. */
  static String event(Instant at, String service, String level, String message, String extra) {
    return "{\"timestamp\":\"" + at + "\",\"service\":\"" + service + "\",\"level\":\"" + level + "\",\"message\":\""
        + message + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}\n";
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
