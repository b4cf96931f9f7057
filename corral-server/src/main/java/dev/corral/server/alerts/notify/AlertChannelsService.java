package dev.corral.server.alerts.notify;

import dev.corral.server.alerts.Notifier;
import dev.corral.server.config.AlertChannelsSection;
import dev.corral.server.http.Route;
import dev.corral.server.service.Service;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alert channels as a service: reads {@code channels.yaml} from {@code alerts.dir} at start, checks it every
 * {@code alerts.channels_reload_interval} and reloads it once a change of its size or modification time has
 * settled (two checks in a row), and
 * provides the {@link Notifier} that alert states send through ({@link #notifier()}, usable from construction
 * on: before start it knows no channel). Owns the routes {@code /api/v1/alerts/channels[/{name}/test]}, the stats
 * entry {@code alerts_channels} and the counter {@code corral_alert_notifications_total{channel,outcome}}.
 */
public final class AlertChannelsService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(AlertChannelsService.class);

  private final AlertChannelsSection config;
  private final ChannelsFile file;
  private final HttpClient client;
  private final AlertChannels channels;
  private final ChannelsView view;
  private Counter notifications;
  private ScheduledExecutorService reloads;
  /** The file's size and modification time when it was last read, and a newer one seen once. */
  private Object applied;
  private Object pending;

  /** Channels with {@code ${VAR}} references resolved from the process environment. */
  public AlertChannelsService(AlertChannelsSection config) {
    this(config, System::getenv);
  }

  /** @param environment a variable's value or null: where {@code ${VAR}} references are resolved */
  AlertChannelsService(AlertChannelsSection config, UnaryOperator<String> environment) {
    this.config = config;
    this.file = new ChannelsFile(config.channelsFile(), new EnvironmentReferences(environment));
    this.client = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER)
        .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    this.channels = new AlertChannels(config, client, this::count);
    this.view = new ChannelsView(channels, config.channelsFile().toString());
  }

  @Override
  public String name() {
    return "alert-channels";
  }

  /** Sends notifications to the configured channels; never blocks. */
  public Notifier notifier() {
    return channels;
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    notifications = Counter.builder().name("corral_alert_notifications_total")
        .help("Alert notifications by channel and outcome (delivered, failed, dropped, grouped, unknown_channel)")
        .labelNames("channel", "outcome").register(registry);
  }

  private void count(String channel, String outcome) {
    Counter counter = notifications;
    if (counter != null) {
      counter.labelValues(channel, outcome).inc();
    }
  }

  @Override
  public void start() {
    reloadIfChanged();
    reloads = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("corral-alert-channels-reload").daemon().factory());
    long every = config.reloadInterval().toMillis();
    reloads.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Reloads the file once a change (it appeared, disappeared, or its size or modification time changed) has
   * settled: the same at two checks in a row, so a file caught half-written (truncated, then written) is never
   * installed.
   */
  private synchronized void reloadIfChanged() {
    try {
      Object now = fingerprint(file.path());
      if (channels.loaded() != null) {
        if (Objects.equals(now, applied)) {
          pending = null;
          return;
        }
        if (!Objects.equals(now, pending)) {
          pending = now; // changed since the last check: wait one more interval for the writer to finish
          return;
        }
      }
      applied = now;
      pending = null;
      channels.apply(file.read());
    } catch (RuntimeException e) {
      LOG.atError().addKeyValue("file", file.path()).addKeyValue("reason", e.toString())
          .log("channels file check failed; the channels loaded before stay in use");
    }
  }

  private static Object fingerprint(Path path) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      return List.of(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey() == null ? ""
          : attributes.fileKey());
    } catch (IOException e) {
      return "absent";
    }
  }

  @Override
  public List<Route> routes() {
    ChannelsHandler handler = new ChannelsHandler(channels, view);
    return List.of(Route.read("GET", "/api/v1/alerts/channels", handler),
        Route.admin("POST", "/api/v1/alerts/channels/*", handler));
  }

  @Override
  public Map<String, Object> stats() {
    return Map.of("alerts_channels", view.json(false));
  }

  @Override
  public void close() {
    if (reloads != null) {
      reloads.shutdownNow();
    }
    channels.close();
    client.shutdownNow(); // close() would wait for an exchange a hung receiver never ends
  }
}
