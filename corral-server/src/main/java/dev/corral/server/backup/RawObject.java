package dev.corral.server.backup;

import com.github.luben.zstd.Zstd;
import dev.corral.model.RecordOrigin;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One backup object while it fills: the WAL records from {@link #first()} on, concatenated (each
 * record is canonical NDJSON ending with a newline, so the concatenation is NDJSON), and its key.
 * Used by one thread (the backup follower's).
 *
 * <p>Key: {@code raw/YYYY/MM/DD/HH/<first>-<last>.ndjson.zst}, the hour (UTC) in which the backup
 * read the first record (its arrival hour while the backup keeps up), {@code first} the WAL
 * position of the first record and {@code last} that of the last one. Positions make the key unique
 * and, with {@link InFlightObject}, the upload idempotent: after a crash the object being uploaded is
 * cut again at the same record under the same key.
 */
final class RawObject {
  /** Under the backup's prefix, beside whatever else shares the bucket. */
  static final String KEY_ROOT = "raw/";
  static final String KEY_SUFFIX = ".ndjson.zst";
  /** zstd's default level: ~3x on log lines at hundreds of MB/s on one core. */
  static final int ZSTD_LEVEL = 3;
  /** The hour part of a key, from an instant. */
  static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

  private final long first;
  private final String hour;
  private final long startedNanos;
  private final ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
  private long last;
  private long end;
  private long records;

  RawObject(long first, Instant started, long startedNanos) {
    this(first, HOUR.format(started), startedNanos);
  }

  private RawObject(long first, String hour, long startedNanos) {
    this.first = first;
    this.hour = hour;
    this.startedNanos = startedNanos;
    this.last = first;
    this.end = first;
  }

  /** Appends the events of the record at {@code position} (ending at {@code next}), without its origin line. */
  void add(long position, long next, byte[] payload) {
    int events = RecordOrigin.payloadStart(payload);
    ndjson.write(payload, events, payload.length - events);
    last = position;
    end = next;
    records++;
  }

  /** Position of the first record: the backup's cursor while this object is held. */
  long first() {
    return first;
  }

  /** Position after the last record: the cursor once this object is uploaded. */
  long end() {
    return end;
  }

  long records() {
    return records;
  }

  /** Uncompressed NDJSON bytes held. */
  long bytes() {
    return ndjson.size();
  }

  /** {@link System#nanoTime()} when the first record was read. */
  long startedNanos() {
    return startedNanos;
  }

  /** The object's key, relative to the backup's prefix. */
  String key() {
    return KEY_ROOT + hour + "/" + first + "-" + last + KEY_SUFFIX;
  }

  /** An object that starts again as {@code inFlight} did before a crash: same first record, same hour. */
  static RawObject resuming(InFlightObject inFlight, long startedNanos) {
    return new RawObject(inFlight.first(), inFlight.hour(), startedNanos);
  }

  /** The hour part of the key, {@code YYYY/MM/DD/HH}. */
  String hour() {
    return hour;
  }

  /** The object's content: the NDJSON, zstd-compressed as one frame. */
  byte[] compress() {
    return Zstd.compress(ndjson.toByteArray(), ZSTD_LEVEL);
  }
}
