package dev.corral.server.inputs.fluent;

import dev.corral.server.text.Excerpt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads the messages of one forward connection, detecting the carrier mode by the second element
 * of each message array (Forward Protocol Specification v1):
 *
 * <ul>
 *   <li>an integer, float or extension (time): Message mode {@code [tag, time, record, option?]};
 *   <li>an array: Forward mode {@code [tag, [[time, record], …], option?]};
 *   <li>a bin or str: PackedForward {@code [tag, entries, option?]}, gzip-compressed
 *       (CompressedPackedForward) when the payload starts with the gzip magic bytes.
 * </ul>
 *
 * Entries go to the {@link EntrySink} as they are decoded, so a large message is stored in batches
 * while it arrives. An entry that cannot be converted is a rejected entry (at most
 * {@link ForwardLimits#maxDeadLettersPerMessage()} per message one by one, then one summary); a
 * {@code size} option that matches neither the number of entries received (the specification) nor
 * the packed payload's byte length (what Fluency sends) is reported too. A message whose
 * envelope is wrong (not an array, a wrong element count, a tag that is no string, an unknown
 * carrier) throws {@link ForwardProtocolException}: after it the stream cannot be trusted. One per
 * connection; not thread-safe.
 */
final class ForwardMessageReader {
  /** First element of the handshake message a client sends after the server's HELO. */
  static final String PING = "PING";
  /** Elements of a PING message. */
  private static final int PING_ELEMENTS = 6;
  /** Raw bytes quoted from a broken message. */
  private static final int EXCERPT_BYTES = 256;

  private final MessageUnpacker in;
  private final MeteredInputStream raw;
  private final EntryReader entries;
  private final PackedEntries packed;
  private final ForwardLimits limits;
  /** Where the current message began, as a position in the connection's bytes. */
  private long messageStart;

  ForwardMessageReader(MessageUnpacker in, MeteredInputStream raw, EntryReader entries, ForwardLimits limits) {
    this.in = in;
    this.raw = raw;
    this.entries = entries;
    this.packed = new PackedEntries(entries);
    this.limits = limits;
  }

  /**
   * Reads the next message, handing its entries to {@code sink}.
   *
   * @throws ForwardProtocolException when the message envelope is not a forward message
   * @throws IOException when the connection fails; the library's runtime {@code MessagePackException}
   *     when the bytes are no msgpack or end inside a message
   */
  ForwardMessage read(EntrySink sink) throws IOException, ForwardProtocolException {
    raw.startMessage();
    messageStart = in.getTotalReadBytes();
    if (!in.hasNext()) {
      return ForwardMessage.END;
    }
    MessageFormat format = in.getNextFormat();
    if (format == MessageFormat.NIL) {
      in.unpackNil();
      return ForwardMessage.HEARTBEAT;
    }
    if (format.getValueType() != ValueType.ARRAY) {
      throw notAMessage(format);
    }
    int elements = in.unpackArrayHeader();
    if (elements < 2 || elements > PING_ELEMENTS) {
      throw protocol("message is an array of " + Integer.toUnsignedLong(elements)
          + " elements, expected 2 to 4 ([tag, time, record, option?], [tag, entries, option?])");
    }
    String tag = readTag();
    if (elements == PING_ELEMENTS && tag.equals(PING)) {
      in.skipValue(elements - 1);
      return ForwardMessage.PING;
    }
    MessageFormat carrier = in.getNextFormat();
    Counting counting = new Counting(sink, limits.maxDeadLettersPerMessage());
    String payloadFailure = null;
    boolean gzip = false;
    long payloadBytes = -1;
    int optionAt;
    switch (carrier.getValueType()) {
      case INTEGER, FLOAT, EXTENSION -> {
        requireElements(elements, 3, "Message mode [tag, time, record, option?]");
        counting.entry(entries.readMessage(in, tag, messageStart));
        optionAt = 3;
      }
      case ARRAY -> {
        requireElements(elements, 2, "Forward mode [tag, entries, option?]");
        int count = in.unpackArrayHeader();
        for (long i = 0; i < Integer.toUnsignedLong(count); i++) {
          counting.entry(entries.readEntry(in, tag, (int) i));
        }
        optionAt = 2;
      }
      case STRING, BINARY -> {
        requireElements(elements, 2, "PackedForward mode [tag, entries, option?]");
        int length = carrier.getValueType() == ValueType.STRING ? in.unpackRawStringHeader() : in.unpackBinaryHeader();
        PackedEntries.Result result = packed.read(in, Integer.toUnsignedLong(length), tag, counting::entry);
        payloadFailure = result.failure();
        payloadBytes = Integer.toUnsignedLong(length);
        gzip = result.gzip();
        optionAt = 2;
      }
      default -> throw protocol("the second element of a message of tag " + Excerpt.quote(tag) + " is "
          + RecordReader.describe(carrier) + ", expected a time (Message mode), an array of entries (Forward) "
          + "or a bin/str of packed entries (PackedForward)");
    }
    ForwardOptions options = elements > optionAt ? ForwardOptions.read(in, limits) : ForwardOptions.NONE;
    report(counting, options, payloadFailure, gzip, payloadBytes, tag);
    return new ForwardMessage(ForwardMessage.Kind.EVENTS, options, counting.entries);
  }

  private void report(Counting counting, ForwardOptions options, String payloadFailure, boolean gzip,
      long payloadBytes, String tag) throws IOException {
    String chunk = " (tag " + Excerpt.quote(tag) + ", chunk " + options.chunkText() + ")";
    if (payloadFailure != null) {
      String compression = options.compressed() != null && !options.compressed().equals(ForwardOptions.GZIP)
          ? "; compressed: " + Excerpt.quote(options.compressed()) + " is not supported, only gzip"
          : options.compressed() != null && !gzip ? "; the option says gzip but the payload is no gzip" : "";
      counting.sink.problem("packed " + payloadFailure + compression + chunk, "", 0);
    }
    if (options.problem() != null) {
      counting.sink.problem(options.problem() + chunk, "", 0);
    }
    if (counting.unreported > 0) {
      counting.sink.problem(counting.unreported + " more entries were rejected, after the first "
          + limits.maxDeadLettersPerMessage() + " stored one by one; the last reason: " + counting.lastReason + chunk,
          "", counting.unreportedBytes);
    }
    // Fluency sends the payload's byte length as size; that is no mismatch either
    if (options.size() != null && options.size() != counting.entries && options.size() != payloadBytes
        && payloadFailure == null) {
      counting.sink.problem("option size says " + options.size() + " entries but the message carried "
          + counting.entries + chunk, "", 0);
    }
  }

  private String readTag() throws IOException, ForwardProtocolException {
    MessageFormat format = in.getNextFormat();
    if (format.getValueType() != ValueType.STRING && format.getValueType() != ValueType.BINARY) {
      throw protocol("tag is " + RecordReader.describe(format) + ", expected a string such as \"app.checkout\"");
    }
    int length = format.getValueType() == ValueType.STRING ? in.unpackRawStringHeader() : in.unpackBinaryHeader();
    if (length < 0 || length > limits.maxTagBytes()) {
      throw protocol("tag is " + Integer.toUnsignedLong(length) + " bytes long, more than the limit of "
          + limits.maxTagBytes() + " bytes");
    }
    return new String(in.readPayload(length), StandardCharsets.UTF_8);
  }

  private void requireElements(int elements, int withoutOption, String mode) throws ForwardProtocolException {
    if (elements != withoutOption && elements != withoutOption + 1) {
      throw protocol("message is an array of " + elements + " elements, expected " + withoutOption + " or "
          + (withoutOption + 1) + " for " + mode);
    }
  }

  private ForwardProtocolException notAMessage(MessageFormat format) {
    byte[] start = raw.recent(messageStart, 1);
    String hint = start.length == 1 && (start[0] == '{' || start[0] == '[')
        ? "; JSON over the forward port is not supported, send JSON to the HTTP ingest API instead"
        : format.getValueType() == ValueType.INTEGER ? "; the bytes are probably not msgpack at all" : "";
    return protocol("expected a forward message (a msgpack array), got " + RecordReader.describe(format) + hint);
  }

  private ForwardProtocolException protocol(String reason) {
    return new ForwardProtocolException(reason + " at byte " + messageStart + " of the connection");
  }

  /** Where the current (or last) message began, as a position in the connection's bytes. */
  long messageStart() {
    return messageStart;
  }

  /** The raw start of the current message, as far as it is still remembered, for an excerpt. */
  String messageExcerpt() {
    return Excerpt.ofBytes(raw.recent(messageStart, EXCERPT_BYTES));
  }

  /** Counts a message's entries and caps the rejected ones reported one by one. */
  private static final class Counting {
    private final EntrySink sink;
    private final int maxReported;
    private int entries;
    private int reported;
    private int unreported;
    private long unreportedBytes;
    private String lastReason;

    Counting(EntrySink sink, int maxReported) {
      this.sink = sink;
      this.maxReported = maxReported;
    }

    void entry(Entry entry) throws IOException {
      entries++;
      if (entry.isAccepted() || reported < maxReported) {
        reported += entry.isAccepted() ? 0 : 1;
        sink.entry(entry);
        return;
      }
      unreported++;
      unreportedBytes += entry.inputBytes();
      lastReason = entry.reason();
    }
  }
}
