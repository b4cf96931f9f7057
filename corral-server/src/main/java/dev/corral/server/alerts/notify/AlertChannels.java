package dev.corral.server.alerts.notify;

import dev.corral.server.alerts.Notification;
import dev.corral.server.alerts.Notifier;
import dev.corral.server.config.AlertChannelsSection;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channels in use and the {@link Notifier} over them. {@link #apply} installs a read of
 * {@code channels.yaml}: a channel whose configuration is unchanged keeps its worker and queue; a changed one
 * gets a new worker that takes over the old one's queued notifications; a removed one stops. Every channel keeps
 * its {@link ChannelHistory} (delivery log, counts) for as long as its name is configured. Thread-safe:
 * {@link #send} may run on any thread while {@link #apply} runs on the reload thread.
 */
final class AlertChannels implements Notifier, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertChannels.class);

  private final AlertChannelsSection policy;
  private final String file;
  private final HttpClient client;
  private final BiConsumer<String, String> metric;
  private final Map<String, AtomicLong> unknown = new ConcurrentHashMap<>();
  private volatile Map<String, ChannelWorker> workers = Map.of();
  private volatile LoadedChannels loaded;
  private boolean closed;

  /** @param metric takes (channel, outcome) once per notification outcome */
  AlertChannels(AlertChannelsSection policy, HttpClient client, BiConsumer<String, String> metric) {
    this.policy = policy;
    this.file = policy.channelsFile().toString();
    this.client = client;
    this.metric = metric;
  }

  /**
   * Installs {@code read}. An unreadable file keeps the channels in use (a typo while editing must not silence
   * every channel) and only its problem is shown.
   */
  synchronized void apply(LoadedChannels read) {
    if (closed) {
      return;
    }
    if (!read.readable() && loaded != null) {
      loaded = new LoadedChannels(loaded.channels(), read.problems(), false, read.loadedAt());
      read.problems().forEach(problem -> LOG.atError().addKeyValue("problem", problem)
          .log("channels file cannot be used; the channels loaded before stay in use"));
      return;
    }
    Map<String, ChannelWorker> before = workers;
    Map<String, ChannelWorker> after = new LinkedHashMap<>();
    List<ChannelProblem> problems = new ArrayList<>(read.problems());
    for (ChannelConfig channel : read.channels()) {
      ChannelWorker old = before.get(channel.name());
      if (old != null && old.channel().equals(channel)) {
        after.put(channel.name(), old);
        continue;
      }
      Transport transport;
      try {
        transport = ChannelTransports.of(channel, client, policy.timeout());
      } catch (InvalidChannelException e) {
        problems.add(new ChannelProblem(file, 0, channel.name(), e.field(), e.getMessage()));
        continue;
      }
      ChannelHistory history = old != null ? old.history() : new ChannelHistory(channel.name(), metric);
      ChannelWorker worker = new ChannelWorker(channel, transport, policy, history).start();
      if (old != null) {
        old.stop().forEach(worker::offer);
      }
      after.put(channel.name(), worker);
    }
    before.forEach((name, worker) -> {
      if (!after.containsKey(name)) {
        worker.stop();
      }
    });
    workers = java.util.Collections.unmodifiableMap(after);
    loaded = new LoadedChannels(read.channels().stream().filter(channel -> after.containsKey(channel.name())).toList(),
        problems, read.readable(), read.loadedAt());
    for (ChannelProblem problem : problems) {
      LOG.atError().addKeyValue("problem", problem).log("alert channel refused; the other channels are in use");
    }
    LOG.atInfo().addKeyValue("channels", after.keySet()).addKeyValue("refused", problems.size())
        .log("alert channels loaded");
  }

  @Override
  public void send(List<String> channels, Notification notification) {
    Map<String, ChannelWorker> current = workers;
    for (String name : channels) {
      ChannelWorker worker = current.get(name);
      if (worker == null) {
        long count = unknown.computeIfAbsent(name, key -> new AtomicLong()).incrementAndGet();
        metric.accept(name, "unknown_channel");
        if (Long.bitCount(count) == 1) {
          LOG.atWarn().addKeyValue("channel", name).addKeyValue("rule", notification.rule())
              .addKeyValue("count", count).log("notification for a channel that channels.yaml does not define");
        }
        continue;
      }
      worker.offer(notification);
    }
  }

  /** Queues a test notification to {@code name}; empty when no such channel is configured. */
  Optional<CompletableFuture<DeliveryAttempt>> test(String name, Notification notification) {
    ChannelWorker worker = workers.get(name);
    return worker == null ? Optional.empty() : Optional.of(worker.test(notification));
  }

  /** The channels in use, in file order. */
  List<ChannelWorker> workers() {
    return new ArrayList<>(workers.values());
  }

  /** The last read of the file; null before the first. */
  LoadedChannels loaded() {
    return loaded;
  }

  /** Notifications sent to a channel name that is not configured, by name. */
  Map<String, Long> unknownChannels() {
    Map<String, Long> counts = new LinkedHashMap<>();
    unknown.forEach((name, count) -> counts.put(name, count.get()));
    return counts;
  }

  @Override
  public synchronized void close() {
    closed = true;
    workers.values().forEach(ChannelWorker::stop);
    workers = Map.of();
  }
}
