package dev.corral.wal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumers the writer pushes every durable record to, fixed when the log opens: live ones (no
 * cursor) and essential ones (cursor kept by their owner). Immutable; build it with {@link #none()}
 * and the {@code with*} methods, then give it to {@link WriteAheadLog#open(WalConfig, PushedConsumers)}.
 *
 * <p>As the writer's {@link DurableSink}, it calls each consumer in the order added; a consumer that
 * throws is logged with its name and the others still get the record.
 *
 * @param <T> the context appenders pass along (the decoded batch)
 */
public final class PushedConsumers<T> implements DurableSink<T> {
  private static final Logger log = LoggerFactory.getLogger(PushedConsumers.class);
  /** Names become file names and metric labels: keep them plain. */
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /** A pushed consumer; {@code cursor} is null for a live one. */
  record Pushed<T>(String name, DurableSink<T> sink, LongSupplier cursor) {}

  private final List<Pushed<T>> consumers;

  private PushedConsumers(List<Pushed<T>> consumers) {
    this.consumers = List.copyOf(consumers);
  }

  /** No consumer yet. */
  public static <T> PushedConsumers<T> none() {
    return new PushedConsumers<>(List.of());
  }

  /** Adds a live consumer: pushed each record after fsync, no cursor, holds no segment back. */
  public PushedConsumers<T> withLive(String name, DurableSink<T> sink) {
    return with(new Pushed<>(name, Objects.requireNonNull(sink, "sink"), null));
  }

  /**
   * Adds an essential consumer: pushed each record like a live one, and {@code cursor} (kept by its
   * owner, read whenever the WAL decides what to delete) says up to where it has durably processed.
   * No segment it has not passed is ever deleted, whatever the retention bound. After a restart the
   * owner replays from its cursor itself ({@link WriteAheadLog#replay}).
   */
  public PushedConsumers<T> withEssential(String name, LongSupplier cursor, DurableSink<T> sink) {
    return with(new Pushed<>(name, Objects.requireNonNull(sink, "sink"), Objects.requireNonNull(cursor, "cursor")));
  }

  private PushedConsumers<T> with(Pushed<T> consumer) {
    checkName(consumer.name());
    if (consumers.stream().anyMatch(c -> c.name().equals(consumer.name()))) {
      throw new IllegalArgumentException("WAL consumer '" + consumer.name() + "' is already registered");
    }
    List<Pushed<T>> more = new ArrayList<>(consumers);
    more.add(consumer);
    return new PushedConsumers<>(more);
  }

  static void checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("WAL consumer name '" + name + "' must match " + NAME.pattern());
    }
  }

  List<Pushed<T>> all() {
    return consumers;
  }

  boolean contains(String name) {
    return consumers.stream().anyMatch(c -> c.name().equals(name));
  }

  @Override
  public void durable(long position, long nextPosition, T context) {
    for (Pushed<T> consumer : consumers) {
      try {
        consumer.sink().durable(position, nextPosition, context);
      } catch (RuntimeException e) {
        log.atError().setCause(e).addKeyValue("consumer", consumer.name()).addKeyValue("position", position)
            .log("WAL consumer failed on a pushed record; the record stays durable and its append succeeds");
      }
    }
  }
}
