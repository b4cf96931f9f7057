package dev.corral.server.tail;

import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import dev.corral.wal.WalCorruptException;
import dev.corral.wal.WriteAheadLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads what a resumed tail missed from the write-ahead log: the matching events of the records
 * between the client's {@code Last-Event-ID} and the position where its new subscription goes live,
 * in log order, in messages of at most {@value #EVENTS_PER_MESSAGE} events (whole records: a message
 * ends at a record boundary, its position). Bounded: it stops at the first record boundary where
 * {@code tail.max_replay_events} matching events or {@link #MAX_REPLAY_BYTES} bytes of log have been
 * replayed. What it does not replay — the rest after a bound, what retention deleted, a position from
 * another log — is announced as a {@link TailGap}, never skipped silently. Thread-safe (each call
 * reads through its own file handles).
 */
final class TailReplay {
  /** Bytes of log one replay reads at most: one default segment, read and filtered in well under a second. */
  static final long MAX_REPLAY_BYTES = 64L << 20;
  /** Events in one replayed message: a burst a browser parses without stalling. */
  static final int EVENTS_PER_MESSAGE = 1000;

  /** Where the replay's messages go, in order. */
  interface Sink {
    /** Matching events of the records before {@code position}, after the previous message's. */
    void events(List<TailedEvent> events, long position) throws IOException;

    /** A stretch of the log not replayed; the stream continues at {@code gap.to()}. */
    void gap(TailGap gap) throws IOException;
  }

  private final Supplier<WriteAheadLog<EventBatch>> wal;
  private final int maxEvents;

  /**
   * @param wal the open log (the server's, opened before any tail)
   * @param maxEvents matching events one replay sends at most ({@code tail.max_replay_events})
   */
  TailReplay(Supplier<WriteAheadLog<EventBatch>> wal, int maxEvents) {
    this.wal = wal;
    this.maxEvents = maxEvents;
  }

  /** The position after the last durable record now. */
  long end() {
    return wal.get().endPosition();
  }

  /**
   * Checks that a tail can resume from {@code position}: outside the retained log any position is
   * answered (with a gap), inside it a record must start there.
   *
   * @throws UnknownPositionException when no record starts at a retained {@code position}
   */
  void check(long position) throws IOException, UnknownPositionException {
    WriteAheadLog<EventBatch> log = wal.get();
    long end = log.endPosition();
    if (position < log.startPosition() || position >= end) {
      return;
    }
    try {
      log.readRecords(position, end, (at, next, payload) -> {
        throw StopReading.INSTANCE; // one intact record starts there: enough
      });
    } catch (StopReading found) {
      return;
    } catch (WalCorruptException notABoundary) {
      throw new UnknownPositionException("Last-Event-ID " + position + " is not a position this server's tails "
          + "send: no record of the write-ahead log starts there; tail without it to start from now");
    }
  }

  /**
   * Sends {@code sink} the matching events of the records in {@code [from, end)} and a gap for what
   * it does not replay; the stream continues at {@code end}.
   *
   * @param end the log's end read after the live subscription opened: records from it on reach the
   *     subscription
   */
  void replay(long from, long end, Predicate<LogEvent> filter, Sink sink) throws IOException {
    if (from > end) {
      sink.gap(new TailGap(from, end, TailGap.Reason.UNKNOWN_POSITION));
      return;
    }
    WriteAheadLog<EventBatch> log = wal.get();
    Progress progress = new Progress(from, filter, sink);
    while (progress.at < end) {
      long start = Math.min(log.startPosition(), end);
      if (progress.at < start) {
        progress.flush();
        sink.gap(new TailGap(progress.at, start, TailGap.Reason.WAL_TRIMMED));
        progress.at = start;
      } else if (progress.limitReached()) {
        progress.flush();
        sink.gap(new TailGap(progress.at, end, TailGap.Reason.REPLAY_LIMIT));
        return;
      } else {
        long before = progress.at;
        try {
          log.readRecords(progress.at, end, progress::visit);
        } catch (StopReading limit) {
          // the bound was reached: the loop announces the rest
        }
        if (progress.at == before && !progress.limitReached() && log.startPosition() <= before) {
          throw new IllegalStateException("BUG: the write-ahead log read no record from " + before + " before "
              + end + " although it retains it");
        }
      }
    }
    progress.flush();
  }

  /** One replay's position, counts and unsent events. */
  private final class Progress {
    private final Predicate<LogEvent> filter;
    private final Sink sink;
    private final List<TailedEvent> pending = new ArrayList<>();
    private long at;
    private long events;
    private long bytes;
    private long sequence;

    Progress(long from, Predicate<LogEvent> filter, Sink sink) {
      this.at = from;
      this.filter = filter;
      this.sink = sink;
    }

    boolean limitReached() {
      return events >= maxEvents || bytes >= MAX_REPLAY_BYTES;
    }

    void visit(long position, long next, byte[] payload) throws IOException {
      if (limitReached()) {
        throw StopReading.INSTANCE;
      }
      EventBatch batch = EventBatch.decode(payload);
      List<LogEvent> batchEvents = batch.events();
      for (int line = 0; line < batchEvents.size(); line++) {
        if (filter.test(batchEvents.get(line))) {
          pending.add(new TailedEvent(sequence++, batch, line));
          events++;
        }
      }
      bytes += next - position;
      at = next;
      if (pending.size() >= EVENTS_PER_MESSAGE) {
        flush();
      }
    }

    void flush() throws IOException {
      if (!pending.isEmpty()) {
        sink.events(List.copyOf(pending), at);
        pending.clear();
      }
    }
  }

  /** Thrown by a visitor to stop reading the log early; carries no stack trace. */
  private static final class StopReading extends IOException {
    private static final long serialVersionUID = 1L;
    static final StopReading INSTANCE = new StopReading();

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
