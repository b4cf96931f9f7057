package dev.corral.server.inputs.fluent;

import dev.corral.model.Fields;
import dev.corral.model.normalize.DecodeLimits;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.server.text.Excerpt;
import java.io.IOException;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads forward entries: {@code [time, record]} in Forward and PackedForward mode, the time and
 * record of a Message-mode message, and Fluent Bit's {@code [[time, metadata], record]} (sent with
 * {@code Retain_Metadata_In_Forward_Mode}; non-empty metadata is kept under {@code metadata.*}).
 * A well-formed entry that cannot be converted (wrong types, over a limit) becomes a rejected
 * {@link Entry} and the unpacker stands after it; malformed msgpack throws the library's runtime
 * {@code MessagePackException}. One per connection; not thread-safe.
 */
final class EntryReader {
  /** Prefix of Fluent Bit's per-record metadata fields. */
  static final String METADATA_PREFIX = "metadata.";

  private final RecordReader records;
  private final EventMapper mapper;
  private final DecodeLimits limits;

  EntryReader(RecordReader records, EventMapper mapper, DecodeLimits limits) {
    this.records = records;
    this.mapper = mapper;
    this.limits = limits;
  }

  /** Reads entry number {@code index} (0-based) of a Forward or PackedForward message. */
  Entry readEntry(MessageUnpacker in, String tag, int index) throws IOException {
    long start = in.getTotalReadBytes();
    String where = "entry " + index + " of tag " + Excerpt.quote(tag);
    MessageFormat format = in.getNextFormat();
    if (format.getValueType() != ValueType.ARRAY) {
      String text = records.readJson(in, start);
      return Entry.rejected(where + " is " + RecordReader.describe(format) + ", expected [time, record]",
          Excerpt.of(text), in.getTotalReadBytes() - start);
    }
    int size = in.unpackArrayHeader();
    if (size != 2) {
      if (size > 0) {
        in.skipValue(size);
      }
      return Entry.rejected(where + " is an array of " + Integer.toUnsignedLong(size)
          + " elements, expected 2 [time, record]", "", in.getTotalReadBytes() - start);
    }
    return pair(in, tag, start, where, true);
  }

  /** Reads the time and record of a Message-mode message, which began at {@code start}. */
  Entry readMessage(MessageUnpacker in, String tag, long start) throws IOException {
    return pair(in, tag, start, "message of tag " + Excerpt.quote(tag), false);
  }

  private Entry pair(MessageUnpacker in, String tag, long start, String where, boolean metadataAllowed)
      throws IOException {
    long time = 0;
    Fields metadata = Fields.empty();
    String reason = null;
    String excerpt = "";
    try {
      if (metadataAllowed && in.getNextFormat().getValueType() == ValueType.ARRAY) {
        int size = in.unpackArrayHeader();
        if (size != 2) {
          in.skipValue(Math.max(size, 0));
          throw new InvalidEventException("time is an array of " + Integer.toUnsignedLong(size)
              + " elements, expected a time or [time, metadata]");
        }
        time = EventTimes.read(in);
        metadata = records.readMap(in, start);
      } else {
        time = EventTimes.read(in);
      }
    } catch (InvalidEventException e) {
      reason = e.getMessage();
    }
    Fields record = null;
    if (reason == null) {
      try {
        record = records.readMap(in, start);
      } catch (InvalidEventException e) {
        reason = e.getMessage();
        excerpt = records.partialText();
      }
    } else {
      excerpt = Excerpt.of(records.readJson(in, start));
    }
    long bytes = in.getTotalReadBytes() - start;
    if (bytes > limits.maxEventBytes()) {
      reason = "entry is " + bytes + " bytes, more than the limit of " + limits.maxEventBytes()
          + " bytes (ingest.max_event_bytes)";
    }
    if (reason != null) {
      return Entry.rejected(where + ": " + reason, excerpt, bytes);
    }
    return Entry.accepted(mapper.toEvent(tag, time, withMetadata(record, metadata)), bytes);
  }

  private Fields withMetadata(Fields record, Fields metadata) {
    if (metadata.size() == 0) {
      return record;
    }
    Fields.Builder fields = Fields.builder(record.size() + metadata.size());
    record.forEach(fields::put);
    metadata.forEach((name, value) -> fields.put(METADATA_PREFIX + name, value));
    return fields.build();
  }
}
