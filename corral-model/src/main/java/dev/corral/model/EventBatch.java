package dev.corral.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Events encoded together as canonical NDJSON: one line per event, each line the event's
 * {@link CanonicalJson} form. The bytes are at once the WAL record payload and, line by line,
 * the source the store keeps for each event, so a batch is encoded exactly once.
 *
 * <p>A batch an input read from a partitioned log also carries its {@link RecordOrigin}: then {@link #source()}
 * starts with the origin line, before the first event (old records have none and read as before).
 *
 * <p>Immutable; {@link #source()} and {@link #lineEnds()} must not be modified by callers.
 *
 * @param events the decoded events, in line order
 * @param source the origin line if any, then NDJSON bytes, each line terminated by {@code '\n'}
 * @param lineEnds for event {@code i}, the offset just past its JSON (before the newline)
 * @param origin where the events were read from, when the input reads a partitioned log (Kafka)
 */
public record EventBatch(List<LogEvent> events, byte[] source, int[] lineEnds, Optional<RecordOrigin> origin) {
  /** A typical event's canonical JSON, to size the first output block. */
  private static final int EXPECTED_EVENT_BYTES = 512;
  /** Largest first output block: the size of the blocks that follow it. */
  private static final int FIRST_BLOCK_BYTES = 128 * 1024;

  public EventBatch {
    events = List.copyOf(events);
    Objects.requireNonNull(origin, "origin");
    if (events.size() != lineEnds.length) {
      throw new IllegalArgumentException(events.size() + " events but " + lineEnds.length + " lines");
    }
  }

  /** A batch without an origin. */
  public EventBatch(List<LogEvent> events, byte[] source, int[] lineEnds) {
    this(events, source, lineEnds, Optional.empty());
  }

  /** Encodes events as canonical NDJSON. */
  public static EventBatch encode(List<LogEvent> events) {
    return encode(events, Optional.empty());
  }

  /** Encodes events as canonical NDJSON after the origin line, when there is an origin. */
  public static EventBatch encode(List<LogEvent> events, Optional<RecordOrigin> origin) {
    // Blocks of at most 128 KiB that are copied once into the exact array: no doubling copies,
    // and no block large enough for the garbage collector to treat as a humongous object.
    ByteArrayBuilder out = new ByteArrayBuilder(Math.clamp((long) events.size() * EXPECTED_EVENT_BYTES, 64, FIRST_BLOCK_BYTES));
    int[] ends = new int[events.size()];
    byte[] timestampScratch = new byte[Timestamps.MAX_ISO_LENGTH];
    origin.ifPresent(o -> out.write(o.toLine()));
    try (JsonGenerator generator = CanonicalJson.FACTORY.createGenerator(out)) {
      generator.setRootValueSeparator(null);
      for (int i = 0; i < ends.length; i++) {
        CanonicalJson.write(events.get(i), generator, timestampScratch);
        ends[i] = out.size() + generator.getOutputBuffered();
        generator.writeRaw('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new EventBatch(events, out.toByteArray(), ends, origin);
  }

  /**
   * Decodes a batch from canonical NDJSON after an optional origin line (a WAL payload).
   *
   * @throws IllegalArgumentException when a line is not a canonical event
   */
  public static EventBatch decode(byte[] source) {
    List<LogEvent> events = new ArrayList<>();
    int[] ends = new int[16];
    Optional<RecordOrigin> origin = RecordOrigin.read(source);
    int start = RecordOrigin.payloadStart(source);
    for (int i = start; i < source.length; i++) {
      if (source[i] == '\n') {
        if (i > start) {
          events.add(CanonicalJson.read(source, start, i - start));
          if (events.size() > ends.length) {
            ends = Arrays.copyOf(ends, ends.length * 2);
          }
          ends[events.size() - 1] = i;
        }
        start = i + 1;
      }
    }
    if (start < source.length) {
      throw new IllegalArgumentException("batch does not end with a newline");
    }
    return new EventBatch(events, source, Arrays.copyOf(ends, events.size()), origin);
  }

  public int size() {
    return events.size();
  }

  /** Offset of the first byte of event {@code i}'s JSON in {@link #source()}. */
  public int lineStart(int i) {
    if (i > 0) {
      return lineEnds[i - 1] + 1;
    }
    return origin.isEmpty() ? 0 : RecordOrigin.payloadStart(source);
  }

  /** Length of event {@code i}'s JSON in {@link #source()}, without the newline. */
  public int lineLength(int i) {
    return lineEnds[i] - lineStart(i);
  }
}
