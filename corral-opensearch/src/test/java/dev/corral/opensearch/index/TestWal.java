package dev.corral.opensearch.index;

import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import dev.corral.store.EventStore;
import dev.corral.store.WalReplay;
import java.util.ArrayList;
import java.util.List;

/** An in-memory stand-in for the server's WAL: records with byte positions, submitted and replayable into a store. */
final class TestWal {
  record Record(long position, long nextPosition, byte[] payload) {}

  private final List<Record> records = new ArrayList<>();
  private long end;

  /** Appends a record of the events and submits it to the store, as the server's WAL thread does after the fsync. */
  synchronized Record appendAndSubmit(EventStore store, List<LogEvent> events) {
    EventBatch batch = EventBatch.encode(events);
    Record record = new Record(end, end + batch.source().length + 16, batch.source());
    end = record.nextPosition();
    records.add(record);
    store.submit(record.position(), record.nextPosition(), EventBatch.decode(record.payload()));
    return record;
  }

  /** Submits every record at or after the position, as the server does at start-up; how many. */
  synchronized int replay(EventStore store, long from) {
    int replayed = 0;
    for (Record record : records) {
      if (record.position() >= from) {
        store.submit(record.position(), record.nextPosition(), EventBatch.decode(record.payload()));
        replayed++;
      }
    }
    return replayed;
  }

  /** This log as a store's recovery reads it. */
  WalReplay replaySource() {
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

  synchronized long end() {
    return end;
  }
}
