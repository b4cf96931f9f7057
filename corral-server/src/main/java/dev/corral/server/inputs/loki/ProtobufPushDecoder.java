package dev.corral.server.inputs.loki;

import com.github.loki4j.pkg.loki.protobuf.Push;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.corral.model.Fields;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.model.normalize.Utf8Text;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.Refusal;
import dev.corral.server.text.Excerpt;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a (decompressed) protobuf {@code logproto.PushRequest}.
 *
 * <p>The request and stream framing ({@code PushRequest.streams}, {@code StreamAdapter.labels},
 * {@code StreamAdapter.entries}) is walked with {@link CodedInputStream}, and each entry is parsed
 * on its own with the generated {@link Push.EntryAdapter}, so that an entry that does not parse
 * (invalid UTF-8 in its line, a broken field) becomes a dead letter instead of failing the whole
 * request. A body whose framing is broken is refused whole (400). Labels are Prometheus label
 * text ({@link StreamLabels}); a stream whose labels do not read sends all its entries to dead
 * letters. Entries without a timestamp are rejected. Thread-safe.
 */
final class ProtobufPushDecoder {
  private static final int STREAMS_TAG = lengthDelimitedTag(Push.PushRequest.STREAMS_FIELD_NUMBER);
  private static final int LABELS_TAG = lengthDelimitedTag(Push.StreamAdapter.LABELS_FIELD_NUMBER);
  private static final int ENTRIES_TAG = lengthDelimitedTag(Push.StreamAdapter.ENTRIES_FIELD_NUMBER);

  private final EntryNormalizer normalizer;

  ProtobufPushDecoder(EntryNormalizer normalizer) {
    this.normalizer = normalizer;
  }

  /**
   * The events and dead letters of the protobuf {@code body}.
   *
   * @throws IngestRejection 400 when the body is not a {@code PushRequest}
   */
  DecodedPush decode(byte[] body) throws IngestRejection {
    PushCollector out = new PushCollector(normalizer);
    CodedInputStream in = CodedInputStream.newInstance(body);
    in.enableAliasing(true);
    int stream = 0;
    try {
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (tag == STREAMS_TAG) {
          stream++;
          int limit = in.pushLimit(in.readRawVarint32());
          readStream(in, stream, out);
          in.popLimit(limit);
        } else if (!in.skipField(tag)) {
          throw new InvalidProtocolBufferException("unexpected end-group tag " + tag);
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw new IngestRejection(new Refusal.Malformed(), "malformed protobuf PushRequest at byte " + in.getTotalBytesRead()
          + (stream > 0 ? " (stream " + stream + ")" : "") + ": " + firstSentence(e.getMessage())
          + "; nothing from this request was stored");
    } catch (IOException e) {
      throw new IllegalStateException("BUG: I/O error reading a byte array: " + e, e);
    }
    return out.result();
  }

  /** Protobuf's reasons go on with guesses about causes; the first sentence, without its period, is the fact. */
  private static String firstSentence(String message) {
    String text = String.valueOf(message);
    int end = text.indexOf('.');
    return end < 0 ? text : text.substring(0, end);
  }

  /** The wire tag of a length-delimited field: field number, then the 3-bit wire type. */
  private static int lengthDelimitedTag(int field) {
    return field << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }

  private void readStream(CodedInputStream in, int stream, PushCollector out) throws IOException {
    ByteString labelText = ByteString.EMPTY;
    List<ByteString> entries = new ArrayList<>();
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == LABELS_TAG) {
        labelText = in.readBytes();
      } else if (tag == ENTRIES_TAG) {
        entries.add(in.readBytes());
      } else if (!in.skipField(tag)) {
        throw new InvalidProtocolBufferException("unexpected end-group tag " + tag + " in a stream");
      }
    }
    Fields labels = Fields.empty();
    String labelsProblem = null;
    try {
      labels = labels(labelText);
    } catch (InvalidEventException e) {
      labelsProblem = e.reason();
    }
    for (int i = 0; i < entries.size(); i++) {
      ByteString bytes = entries.get(i);
      Push.EntryAdapter entry;
      try {
        entry = Push.EntryAdapter.parseFrom(bytes);
      } catch (InvalidProtocolBufferException e) {
        out.reject(stream, i + 1, "malformed entry (" + firstSentence(e.getMessage()) + ")", Excerpt.of(bytes.toByteArray(), 0,
            bytes.size()), bytes.size());
        continue;
      }
      try {
        if (labelsProblem != null) {
          throw new InvalidEventException(labelsProblem);
        }
        if (!entry.hasTimestamp()) {
          throw new InvalidEventException("entry has no timestamp");
        }
        long timestamp = EntryTimestamp.of(entry.getTimestamp().getSeconds(), entry.getTimestamp().getNanos());
        out.entry(stream, i + 1, labels, timestamp, entry.getLine(), metadata(entry));
      } catch (InvalidEventException e) {
        out.reject(stream, i + 1, e.reason(), Excerpt.of(entry.getLine()), entry.getLineBytes().size());
      }
    }
  }

  private static Fields labels(ByteString text) throws InvalidEventException {
    byte[] bytes = text.toByteArray();
    int bad = Utf8Text.firstInvalid(bytes, 0, bytes.length);
    if (bad >= 0) {
      throw new InvalidEventException(String.format("labels have invalid UTF-8 at byte %d (0x%02x)", bad + 1,
          bytes[bad] & 0xFF));
    }
    try {
      return StreamLabels.parse(text.toStringUtf8());
    } catch (StreamLabels.InvalidLabelsException e) {
      throw new InvalidEventException(e.getMessage());
    }
  }

  private static Fields metadata(Push.EntryAdapter entry) throws InvalidEventException {
    if (entry.getStructuredMetadataCount() == 0) {
      return Fields.empty();
    }
    Fields.Builder fields = Fields.builder(entry.getStructuredMetadataCount());
    for (Push.LabelPairAdapter pair : entry.getStructuredMetadataList()) {
      if (pair.getName().isEmpty()) {
        throw new InvalidEventException("structured metadata has a pair with an empty name (value "
            + Excerpt.quote(pair.getValue()) + ")");
      }
      fields.put(pair.getName(), pair.getValue());
    }
    return fields.build();
  }
}
