package dev.corral.server.alerts.state;

import dev.corral.server.alerts.Notification;
import dev.corral.server.alerts.Notifier;
import java.util.ArrayList;
import java.util.List;

/** A notifier that keeps what it is handed, in order: what a channel would have received. */
public final class RecordingNotifier implements Notifier {
  /** One call of {@link #send}. */
  public record Sent(List<String> channels, Notification notification) {}

  private final List<Sent> sent = new ArrayList<>();

  @Override
  public synchronized void send(List<String> channels, Notification notification) {
    sent.add(new Sent(List.copyOf(channels), notification));
  }

  /** Everything sent so far. */
  public synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** The notifications sent so far. */
  public synchronized List<Notification> notifications() {
    return sent.stream().map(Sent::notification).toList();
  }

  /** Forgets what was sent. */
  public synchronized void clear() {
    sent.clear();
  }
}
