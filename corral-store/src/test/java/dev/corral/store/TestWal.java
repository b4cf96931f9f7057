package dev.corral.store;

import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import java.util.ArrayList;
import java.util.List;

/** An in-memory stand-in for the WAL: records with byte positions, replayable into a store. */
final class TestWal {
  record Record(long position, long nextPosition, byte[] payload) {}

  private final List<Record> records = new ArrayList<>();
  private long end;

  /** Appends a record of the events and submits it to the store, as the server's WAL thread does. */
  Record appendAndSubmit(LogStore store, List<LogEvent> events) {
    Record record = append(events);
    store.submit(record.position(), record.nextPosition(), EventBatch.decode(record.payload()));
    return record;
  }

  Record append(List<LogEvent> events) {
    EventBatch batch = EventBatch.encode(events);
    Record record = new Record(end, end + batch.source().length + 16, batch.source());
    end = record.nextPosition();
    records.add(record);
    return record;
  }

  /** Submits every record at or after the position, as the server does at startup. */
  int replay(LogStore store, long from) {
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
  WalReplay replaySource() {
    return (from, sink) -> {
      for (Record record : List.copyOf(records)) {
        if (record.position() >= from) {
          sink.accept(record.position(), record.nextPosition(), EventBatch.decode(record.payload()));
        }
      }
    };
  }

  long end() {
    return end;
  }
}
