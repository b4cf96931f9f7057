package dev.corral.store;

import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory stand-in for the WAL: records with byte positions, replayable into a store of any
 * backend (public for the other backends' tests, through this module's test jar). Thread-safe.
 */
public final class TestWal {
  public record Record(long position, long nextPosition, byte[] payload) {}

  private final List<Record> records = new ArrayList<>();
  private long end;

  /** Appends a record of the events and submits it to the store, as the server's WAL thread does. */
  public synchronized Record appendAndSubmit(EventStore store, List<LogEvent> events) {
    Record record = append(events);
    store.submit(record.position(), record.nextPosition(), EventBatch.decode(record.payload()));
    return record;
  }

  public synchronized Record append(List<LogEvent> events) {
    EventBatch batch = EventBatch.encode(events);
    Record record = new Record(end, end + batch.source().length + 16, batch.source());
    end = record.nextPosition();
    records.add(record);
    return record;
  }

  /** Submits every record at or after the position, as the server does at startup. */
  public synchronized int replay(EventStore store, long from) {
    int replayed = 0;
    for (Record record : records) {
      if (record.position() >= from) {
        store.submit(record.position(), record.nextPosition(), EventBatch.decode(record.payload()));
        replayed++;
      }
    }
    return replayed;
  }

  /** This log as the store's recovery reads it: every record at or after a position, in order. */
  public WalReplay replaySource() {
    return (from, sink) -> {
      List<Record> copy;
      synchronized (this) {
        copy = List.copyOf(records);
      }
      for (Record record : copy) {
        if (record.position() >= from) {
          sink.accept(record.position(), record.nextPosition(), EventBatch.decode(record.payload()));
        }
      }
    };
  }

  public synchronized long end() {
    return end;
  }
}
