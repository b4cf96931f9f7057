package dev.corral.wal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A record as replay returned it; {@link #all} collects a whole replay. */
record Replayed(long position, long nextPosition, byte[] payload) {
  static List<Replayed> all(WriteAheadLog<?> wal, long from) throws IOException {
    List<Replayed> out = new ArrayList<>();
    wal.replay(from, (position, next, payload) -> out.add(new Replayed(position, next, payload)));
    return out;
  }

  static List<Replayed> all(WriteAheadLog<?> wal) throws IOException {
    return all(wal, Long.MIN_VALUE);
  }
}
