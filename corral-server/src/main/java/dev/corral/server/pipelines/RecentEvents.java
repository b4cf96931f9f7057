package dev.corral.server.pipelines;

import dev.corral.model.Fields;
import dev.corral.model.LogEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last events each input received, as decoded and before any pipeline ran, for the Pipelines
 * page's live preview: a ring per input of at most {@code capacity} events and {@value
 * #MAX_BYTES_PER_INPUT} bytes (the oldest go first; an event larger than {@value #MAX_EVENT_BYTES} is
 * not kept), for at most {@value #MAX_INPUTS} inputs. Memory only: nothing is written anywhere, and
 * a restart empties it.
 *
 * <p>These events are <em>not redacted</em> (redaction is a pipeline step): whoever serves them
 * must restrict them to admins. {@link #record} costs one lock per request and looks at the last
 * {@code capacity} events of the batch only. Thread-safe.
 */
final class RecentEvents {
  /** Per input: a hundred lines of up to ~20 KiB each, and no more however large ingest lets an event be. */
  static final int MAX_BYTES_PER_INPUT = 2 * 1024 * 1024;
  /** An event larger than this is no useful preview sample and would evict many that are. */
  static final int MAX_EVENT_BYTES = 64 * 1024;
  /** Inputs are a fixed set named in code (about 15); the cap only guards against a bug naming them from data. */
  static final int MAX_INPUTS = 64;

  private final int capacity;
  private final Map<String, Ring> rings = new ConcurrentHashMap<>();

  /** @param capacity most events kept per input; 0 keeps none */
  RecentEvents(int capacity) {
    this.capacity = capacity;
  }

  int capacity() {
    return capacity;
  }

  /** Keeps the last of {@code events}, which {@code input} received in one request. */
  void record(String input, List<LogEvent> events) {
    if (capacity == 0 || events.isEmpty()) {
      return;
    }
    Ring ring = rings.get(input);
    if (ring == null) {
      if (rings.size() >= MAX_INPUTS) {
        return;
      }
      ring = rings.computeIfAbsent(input, name -> new Ring());
    }
    ring.add(events.subList(Math.max(0, events.size() - capacity), events.size()), capacity);
  }

  /** The inputs that received events, by name, with how many are kept and their estimated bytes. */
  Map<String, long[]> inputs() {
    Map<String, long[]> inputs = new TreeMap<>();
    rings.forEach((name, ring) -> inputs.put(name, ring.size()));
    return inputs;
  }

  /** The last {@code limit} events of {@code input}, oldest first; empty when it received none. */
  List<LogEvent> last(String input, int limit) {
    Ring ring = rings.get(input);
    return ring == null ? List.of() : ring.last(limit);
  }

  /** An event's size in memory, roughly: its text and field names and values as UTF-16, plus a header each. */
  static long estimatedBytes(LogEvent event) {
    long bytes = 64 + 2L * event.message().length();
    Fields fields = event.fields();
    for (int i = 0; i < fields.size(); i++) {
      Object value = fields.value(i);
      bytes += 48 + 2L * fields.name(i).length() + (value instanceof String text ? 2L * text.length() : 16);
    }
    return bytes;
  }

  /** One input's events, oldest first, within the count and byte bounds. */
  private static final class Ring {
    private final ArrayDeque<LogEvent> events = new ArrayDeque<>();
    private final ArrayDeque<Long> sizes = new ArrayDeque<>();
    private long bytes;

    synchronized void add(List<LogEvent> newest, int capacity) {
      for (LogEvent event : newest) {
        long size = estimatedBytes(event);
        if (size > MAX_EVENT_BYTES) {
          continue;
        }
        events.addLast(event);
        sizes.addLast(size);
        bytes += size;
        while (events.size() > capacity || bytes > MAX_BYTES_PER_INPUT) {
          events.removeFirst();
          bytes -= sizes.removeFirst();
        }
      }
    }

    synchronized long[] size() {
      return new long[] {events.size(), bytes};
    }

    synchronized List<LogEvent> last(int limit) {
      List<LogEvent> all = new ArrayList<>(events);
      return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }
  }
}
