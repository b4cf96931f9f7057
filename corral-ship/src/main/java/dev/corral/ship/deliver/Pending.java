package dev.corral.ship.deliver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What is left to send of one batch, as parts sent in order: at first the whole batch; a part the server found
 * too large is replaced by its two halves, a {@code _bulk} answer's 429 items become a part of their own.
 * Used by the sender thread only.
 */
final class Pending {
  private final Deque<List<String>> parts = new ArrayDeque<>();
  private final String pipeline;

  Pending(List<String> events, String pipeline) {
    parts.add(events);
    this.pipeline = pipeline;
  }

  /** The server pipeline of every part, or null. */
  String pipeline() {
    return pipeline;
  }

  List<String> next() {
    return parts.peekFirst();
  }

  /** The head part is settled (sent, refused or dropped). */
  void settleNext() {
    parts.removeFirst();
  }

  /** The head part is settled except {@code retry}, which is sent again first. */
  void retryFirst(List<String> retry) {
    parts.removeFirst();
    parts.addFirst(retry);
  }

  /** Replaces the head part by its two halves. */
  void splitNext() {
    List<String> part = parts.removeFirst();
    int half = part.size() / 2;
    parts.addFirst(part.subList(half, part.size()));
    parts.addFirst(part.subList(0, half));
  }

  boolean isDone() {
    return parts.isEmpty();
  }

  /** Every event not yet settled, in order. */
  List<String> remaining() {
    List<String> events = new ArrayList<>();
    parts.forEach(events::addAll);
    return events;
  }
}
