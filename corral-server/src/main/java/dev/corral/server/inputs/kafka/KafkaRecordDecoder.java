package dev.corral.server.inputs.kafka;

import dev.corral.model.Fields;
import dev.corral.model.LogEvent;
import dev.corral.model.normalize.DecodedBody;
import dev.corral.model.normalize.IngestBody;
import dev.corral.model.normalize.LineError;
import dev.corral.server.config.KafkaSection;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.DecodedBatch;
import dev.corral.server.inputs.raw.RawLineDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns the Kafka records of one partition into events and dead letters, with the decoders of the HTTP inputs:
 * an {@code ndjson} record is read like a body of {@code POST /api/v1/ingest} (one JSON event, NDJSON lines or a
 * JSON array), a {@code raw} record like one of {@code POST /api/v1/ingest/raw} (each line one event; the record's
 * key, when it has one, is the events' {@code service}). Every event and dead letter gets {@value #TOPIC},
 * {@value #PARTITION} and {@value #OFFSET}, as Filebeat's and Logstash's Kafka inputs add them: a store can derive a
 * document id from them (topic/partition/offset/n-th event of the record), so a redelivery overwrites.
 *
 * <p>What cannot be read becomes a dead letter whose reason names topic, partition and offset; nothing else of the
 * batch is lost: a record larger than {@code http.max_body_bytes}, a line that is not a JSON event (not JSON, not
 * UTF-8, over the event limits). A record with no value (a tombstone) holds no event. Stateless and thread-safe.
 */
final class KafkaRecordDecoder {
  static final String TOPIC = "kafka.topic";
  static final String PARTITION = "kafka.partition";
  static final String OFFSET = "kafka.offset";

  private final IngestBody ndjson;
  private final RawLineDecoder raw;
  private final long maxRecordBytes;

  /** @param maxRecordBytes the largest record value read ({@code http.max_body_bytes}); larger ones are dead letters */
  KafkaRecordDecoder(IngestBody ndjson, RawLineDecoder raw, long maxRecordBytes) {
    this.ndjson = ndjson;
    this.raw = raw;
    this.maxRecordBytes = maxRecordBytes;
  }

  /** The events and dead letters of some records, in record order. */
  record Decoded(List<LogEvent> events, List<DeadLetter> deadLetters) implements DecodedBatch {}

  /** Decodes {@code records} (of one partition, in offset order) read as {@code format}. */
  Decoded decode(List<ConsumerRecord<byte[], byte[]>> records, KafkaSection.Format format, long receivedAtNanos) {
    List<LogEvent> events = new ArrayList<>();
    List<DeadLetter> deadLetters = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      decode(record, format, receivedAtNanos, events, deadLetters);
    }
    return new Decoded(events, deadLetters);
  }

  /** A record that cannot be stored at all (too large once normalized), as a dead letter of its own. */
  Decoded tooLarge(ConsumerRecord<byte[], byte[]> record, String why) {
    return new Decoded(List.of(), List.of(deadLetter(record, why, record.value())));
  }

  private void decode(ConsumerRecord<byte[], byte[]> record, KafkaSection.Format format, long receivedAtNanos,
      List<LogEvent> events, List<DeadLetter> deadLetters) {
    byte[] value = record.value();
    if (value == null || value.length == 0) {
      return;
    }
    if (value.length > maxRecordBytes) {
      deadLetters.add(deadLetter(record, "record is " + value.length + " bytes, over the limit of " + maxRecordBytes
          + " (http.max_body_bytes)", value));
      return;
    }
    Fields origin = origin(record);
    if (format.raw()) {
      RawLineDecoder.Lines lines = raw.decode(value, value.length, service(record), receivedAtNanos);
      lines.events().forEach(event -> events.add(stamped(event, origin)));
      for (DeadLetter line : lines.deadLetters()) {
        deadLetters.add(new DeadLetter(KafkaInput.INPUT, where(record) + ": " + line.reason(), line.excerpt(),
            line.inputBytes(), origin));
      }
      return;
    }
    DecodedBody body = ndjson.decode(value, value.length, receivedAtNanos);
    body.events().forEach(event -> events.add(stamped(event, origin)));
    for (LineError error : body.errors()) {
      deadLetters.add(new DeadLetter(KafkaInput.INPUT, where(record) + " line " + error.line() + ": " + error.reason(),
          error.excerpt(), error.inputBytes(), origin));
    }
  }

  private static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record, String why, byte[] value) {
    int excerptBytes = Math.min(value.length, LineError.MAX_EXCERPT_BYTES);
    return new DeadLetter(KafkaInput.INPUT, where(record) + ": " + why,
        new String(value, 0, excerptBytes, StandardCharsets.UTF_8), value.length, origin(record));
  }

  /** {@code topic T partition P offset O}: the place a reason names. */
  static String where(ConsumerRecord<?, ?> record) {
    return "topic " + record.topic() + " partition " + record.partition() + " offset " + record.offset();
  }

  private static Fields origin(ConsumerRecord<?, ?> record) {
    return Fields.builder(3).put(TOPIC, record.topic()).put(PARTITION, (long) record.partition())
        .put(OFFSET, record.offset()).build();
  }

  private static LogEvent stamped(LogEvent event, Fields origin) {
    Fields.Builder fields = Fields.builder(event.fields().size() + origin.size());
    event.fields().forEach(fields::put);
    origin.forEach(fields::put);
    return new LogEvent(event.timestamp(), event.level(), event.message(), fields.build());
  }

  /** A raw record's key as its events' service, when it is a non-blank UTF-8 text. */
  private static String service(ConsumerRecord<byte[], byte[]> record) {
    byte[] key = record.key();
    if (key == null || key.length == 0) {
      return null;
    }
    String text = new String(key, StandardCharsets.UTF_8).strip();
    return text.isEmpty() || text.indexOf('\uFFFD') >= 0 ? null : text;
  }
}
