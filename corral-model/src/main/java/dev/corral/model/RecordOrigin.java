package dev.corral.model;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where the events of one WAL record were read from, when an input reads a partitioned log that numbers its
 * records (a Kafka topic partition): the stream, the partition, and the first and last offset of the records the
 * batch covers. With it the log itself says how far each partition is held, so an input resumes after a crash
 * exactly where the log ends.
 *
 * <p><b>On disk</b> it is an optional first line of the record's payload, before the events' canonical NDJSON:
 * <pre>{@code
 * #origin <stream> <partition> <firstOffset> <lastOffset>\n
 * }</pre>
 * A canonical event line always starts with {@code '{'}, so a payload starting with {@code '#'} has an origin and
 * any other has none (every record written before origins existed). The line is never an event and never indexed;
 * {@link #payloadStart} and {@link #read} find it without parsing the events after it.
 *
 * @param stream the topic; 1 to {@value #MAX_STREAM_CHARS} printable ASCII characters without spaces (Kafka's
 *     topic names are {@code [a-zA-Z0-9._-]})
 * @param partition the partition number, at least 0
 * @param firstOffset the offset of the first record the batch covers, at least 0
 * @param lastOffset the offset of the last record it covers, at least {@code firstOffset}
 */
public record RecordOrigin(String stream, int partition, long firstOffset, long lastOffset) {
  /** Kafka's own limit on a topic name. */
  public static final int MAX_STREAM_CHARS = 249;
  private static final String PREFIX = "#origin ";
  /** The longest origin line: prefix, stream, three numbers with their spaces, newline. */
  private static final int MAX_LINE_BYTES = PREFIX.length() + MAX_STREAM_CHARS + 3 * 21 + 1;

  public RecordOrigin {
    if (stream.isEmpty() || stream.length() > MAX_STREAM_CHARS || !stream.chars().allMatch(c -> c > ' ' && c < 127)) {
      throw new IllegalArgumentException("origin stream '" + stream + "' must be 1 to " + MAX_STREAM_CHARS
          + " printable ASCII characters without spaces");
    }
    if (partition < 0 || firstOffset < 0 || lastOffset < firstOffset) {
      throw new IllegalArgumentException("origin " + stream + "/" + partition + " offsets " + firstOffset + ".."
          + lastOffset + ": partition and offsets must be at least 0 and the first at most the last");
    }
  }

  /** The offset after the last one covered: where reading this partition resumes. */
  public long nextOffset() {
    return lastOffset + 1;
  }

  /** The origin line, newline included. */
  public byte[] toLine() {
    return (PREFIX + stream + ' ' + partition + ' ' + firstOffset + ' ' + lastOffset + '\n')
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Where the events of {@code payload} start: after its origin line, or 0 when it has none. */
  public static int payloadStart(byte[] payload) {
    if (payload.length == 0 || payload[0] != '#') {
      return 0;
    }
    int limit = Math.min(payload.length, MAX_LINE_BYTES);
    for (int i = 0; i < limit; i++) {
      if (payload[i] == '\n') {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("a record payload starts with '#' but has no origin line ending within "
        + MAX_LINE_BYTES + " bytes");
  }

  /**
   * The origin of a record payload, reading only its first line; empty when it has none.
   *
   * @throws IllegalArgumentException when the payload starts with {@code '#'} but not with a valid origin line
   */
  public static Optional<RecordOrigin> read(byte[] payload) {
    int end = payloadStart(payload);
    if (end == 0) {
      return Optional.empty();
    }
    String line = new String(payload, 0, end - 1, StandardCharsets.US_ASCII);
    String[] parts = line.split(" ", -1);
    if (parts.length != 5 || !line.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not an origin line: '" + line + "' (expected '" + PREFIX
          + "<stream> <partition> <first> <last>')");
    }
    try {
      return Optional.of(new RecordOrigin(parts[1], Integer.parseInt(parts[2]), Long.parseLong(parts[3]),
          Long.parseLong(parts[4])));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("origin line '" + line + "' has a number that is not one: " + e.getMessage(), e);
    }
  }
}
