package dev.corral.server.alerts.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The channels as the API and the stats show them: type, target host, state, counts, last error and (for the
 * API) the delivery log. Never a URL path, a secret, a routing key, a header value or a password. Stateless over
 * the channels it reads.
 */
final class ChannelsView {
  private final AlertChannels channels;
  private final String file;

  ChannelsView(AlertChannels channels, String file) {
    this.channels = channels;
    this.file = file;
  }

  /** The JSON; with {@code deliveries} the delivery log of each channel (the API), without it the counts only. */
  Map<String, Object> json(boolean deliveries) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (ChannelWorker worker : channels.workers()) {
      list.add(channel(worker, deliveries));
    }
    LoadedChannels loaded = channels.loaded();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("file", file);
    json.put("loaded_at", loaded == null ? null : loaded.loadedAt().toString());
    json.put("file_usable", loaded == null || loaded.readable());
    json.put("channels", list);
    json.put("refused", loaded == null ? List.of() : loaded.problems().stream().map(ChannelProblem::json).toList());
    json.put("unknown_channels", channels.unknownChannels());
    return json;
  }

  private static Map<String, Object> channel(ChannelWorker worker, boolean deliveries) {
    ChannelHistory history = worker.history();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", worker.channel().name());
    json.put("type", worker.channel().type().wireName());
    json.put("target", worker.channel().target());
    json.put("state", history.state());
    json.put("queued", worker.queued());
    json.put("delivered", history.count(ChannelHistory.Outcome.DELIVERED));
    json.put("failed", history.count(ChannelHistory.Outcome.FAILED));
    json.put("dropped", history.count(ChannelHistory.Outcome.DROPPED));
    json.put("grouped", history.count(ChannelHistory.Outcome.GROUPED));
    json.put("last_error", history.lastError().map(DeliveryAttempt::json).orElse(null));
    if (deliveries) {
      json.put("deliveries", history.entries().stream().map(DeliveryAttempt::json).toList());
    }
    return json;
  }
}
