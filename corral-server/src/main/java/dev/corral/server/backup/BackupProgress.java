package dev.corral.server.backup;

import dev.corral.wal.MissedRecords;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the raw backup has done, for stats, metrics and the Status page: its state, the last object,
 * the last error, and the gaps the WAL's retention bound made. Written by the backup's follower
 * thread, read by any thread.
 */
final class BackupProgress {
  /** The gaps listed in stats; older ones are only counted. */
  private static final int LISTED_GAPS = 10;

  /** Where the backup stands. */
  enum State {
    /** Reading the WAL and uploading; no error since the last upload. */
    FOLLOWING,
    /** The store refused or could not be reached; retrying with backoff, falling behind. */
    FAILING,
    /** The follower stopped on an unexpected error (see the log); the cursor stays before it. */
    STOPPED;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private volatile State state = State.FOLLOWING;
  private volatile String error = "";
  private volatile String lastObject = "";
  private final AtomicLong objects = new AtomicLong();
  private final AtomicLong uploadedBytes = new AtomicLong();
  private final AtomicLong uploadedRecords = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong gaps = new AtomicLong();
  private final AtomicLong missedBytes = new AtomicLong();
  private final ArrayDeque<MissedRecords> recentGaps = new ArrayDeque<>();

  void uploaded(String object, long compressedBytes, long records) {
    lastObject = object;
    objects.incrementAndGet();
    uploadedBytes.addAndGet(compressedBytes);
    uploadedRecords.addAndGet(records);
    error = "";
    state = State.FOLLOWING;
  }

  /** Returns whether this is a new failure (the state was not failing), for logging once. */
  boolean failed(String message) {
    failures.incrementAndGet();
    error = message;
    boolean fresh = state != State.FAILING;
    state = State.FAILING;
    return fresh;
  }

  void stopped(String message) {
    error = message;
    state = State.STOPPED;
  }

  synchronized void missed(MissedRecords gap) {
    gaps.incrementAndGet();
    missedBytes.addAndGet(gap.bytes());
    recentGaps.addLast(gap);
    if (recentGaps.size() > LISTED_GAPS) {
      recentGaps.pollFirst();
    }
  }

  State state() {
    return state;
  }

  long objects() {
    return objects.get();
  }

  long uploadedBytes() {
    return uploadedBytes.get();
  }

  long failures() {
    return failures.get();
  }

  long gaps() {
    return gaps.get();
  }

  long missedBytes() {
    return missedBytes.get();
  }

  /** The stats entry's fields that this object knows, in a stable order. */
  synchronized Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("state", state.label());
    fields.put("error", error);
    fields.put("last_object", lastObject);
    fields.put("objects", objects.get());
    fields.put("uploaded_bytes", uploadedBytes.get());
    fields.put("uploaded_records", uploadedRecords.get());
    fields.put("upload_failures", failures.get());
    fields.put("gaps", gaps.get());
    fields.put("missed_bytes", missedBytes.get());
    List<Map<String, Object>> listed = recentGaps.stream().map(gap -> Map.<String, Object>of("from", gap.from(),
        "to", gap.to(), "bytes", gap.bytes(), "message", describe(gap))).toList();
    fields.put("recent_gaps", listed);
    return fields;
  }

  /** How a gap reads on the Status page and in the log. */
  static String describe(MissedRecords gap) {
    return "WAL positions " + gap.from() + "-" + gap.to() + " (" + gap.bytes()
        + " bytes) were dropped by WAL retention before they were backed up";
  }
}
