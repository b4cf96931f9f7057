package dev.corral.server.inputs.kafka;

import dev.corral.model.Fields;
import dev.corral.model.LogEvent;
import dev.corral.model.normalize.DecodedBody;
import dev.corral.model.normalize.IngestBody;
import dev.corral.model.normalize.LineError;
import dev.corral.model.normalize.Utf8Text;
import dev.corral.pipeline.definition.DefinitionReader;
import dev.corral.server.config.KafkaSection;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.DecodedBatch;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.inputs.raw.RawLineDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns the Kafka records of one partition into events and dead letters, with the decoders of the HTTP inputs:
 * an {@code ndjson} record is read like a body of {@code POST /api/v1/ingest} (one JSON event, NDJSON lines or a
 * JSON array), a {@code raw} record like one of {@code POST /api/v1/ingest/raw} (each line one event; the record's
 * key, when it has one, is the events' {@code service}). A record's header {@value #PIPELINE_HEADER} (what {@code corral
 * ship} writes for an input with {@code pipeline:}) names the pipeline its events run, over the topic's; a header that
 * names no pipeline the server has (or cannot be an id: not UTF-8, too long) makes the record a dead letter, so a
 * producer's typo is that record's poison, not its partition's. Every event and dead letter gets
 * {@value #TOPIC},
 * {@value #PARTITION} and {@value #OFFSET}, as Filebeat's and Logstash's Kafka inputs add them: a store can derive a
 * document id from them (topic/partition/offset/n-th event of the record), so a redelivery overwrites.
 *
 * <p>What cannot be read becomes a dead letter whose reason names topic, partition and offset; nothing else of the
 * batch is lost: a record larger than {@code http.max_body_bytes}, a line that is not a JSON event (not JSON, not
 * UTF-8, over the event limits). A record with no value (a tombstone) holds no event. Stateless and thread-safe.
 */
final class KafkaRecordDecoder {
  static final String TOPIC = KafkaInput.TOPIC_FIELD;
  static final String PARTITION = "kafka.partition";
  static final String OFFSET = "kafka.offset";
  /** The record header naming the pipeline of the record's events, as {@code ?pipeline=} names a request's. */
  static final String PIPELINE_HEADER = "corral.pipeline";

  private final IngestBody ndjson;
  private final RawLineDecoder raw;
  private final long maxRecordBytes;
  private final Predicate<String> pipelineExists;

  /**
   * @param maxRecordBytes the largest record value read ({@code http.max_body_bytes}); larger ones are dead letters
   * @param pipelineExists whether the server has a pipeline of this id now ({@link IngestSink#hasPipeline})
   */
  KafkaRecordDecoder(IngestBody ndjson, RawLineDecoder raw, long maxRecordBytes, Predicate<String> pipelineExists) {
    this.ndjson = ndjson;
    this.raw = raw;
    this.maxRecordBytes = maxRecordBytes;
    this.pipelineExists = pipelineExists;
  }

  /**
   * The events and dead letters of some records, in record order.
   *
   * @param pipelines for each event, by position, the pipeline its record's {@value #PIPELINE_HEADER} names, or null
   */
  record Decoded(List<LogEvent> events, List<DeadLetter> deadLetters, List<String> pipelines)
      implements DecodedBatch {}

  /** Decodes {@code records} (of one partition, in offset order) read as {@code format}. */
  Decoded decode(List<ConsumerRecord<byte[], byte[]>> records, KafkaSection.Format format, long receivedAtNanos) {
    List<LogEvent> events = new ArrayList<>();
    List<DeadLetter> deadLetters = new ArrayList<>();
    List<String> pipelines = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      decode(record, format, receivedAtNanos, events, deadLetters, pipelines);
    }
    return new Decoded(events, deadLetters, pipelines);
  }

  /** A record that cannot be stored at all (too large once normalized), as a dead letter of its own. */
  Decoded tooLarge(ConsumerRecord<byte[], byte[]> record, String why) {
    return new Decoded(List.of(), List.of(deadLetter(record, why, record.value())), List.of());
  }

  /** Adds the record's events (and for each the pipeline its header names), or its dead letters. */
  private void decode(ConsumerRecord<byte[], byte[]> record, KafkaSection.Format format, long receivedAtNanos,
      List<LogEvent> events, List<DeadLetter> deadLetters, List<String> pipelines) {
    byte[] value = record.value();
    if (value == null || value.length == 0) {
      return;
    }
    if (value.length > maxRecordBytes) {
      deadLetters.add(deadLetter(record, "record is " + value.length + " bytes, over the limit of " + maxRecordBytes
          + " (http.max_body_bytes)", value));
      return;
    }
    NamedPipeline pipeline = namedPipeline(record);
    if (pipeline.refusal() != null) {
      deadLetters.add(deadLetter(record, pipeline.refusal(), value));
      return;
    }
    Fields origin = origin(record);
    List<LogEvent> decoded;
    if (format.raw()) {
      RawLineDecoder.Lines lines = raw.decode(value, value.length, service(record), receivedAtNanos);
      decoded = lines.events();
      for (DeadLetter line : lines.deadLetters()) {
        deadLetters.add(new DeadLetter(KafkaInput.INPUT, where(record) + ": " + line.reason(), line.excerpt(),
            line.inputBytes(), origin));
      }
    } else {
      DecodedBody body = ndjson.decode(value, value.length, receivedAtNanos);
      decoded = body.events();
      for (LineError error : body.errors()) {
        deadLetters.add(new DeadLetter(KafkaInput.INPUT, where(record) + " line " + error.line() + ": "
            + error.reason(), error.excerpt(), error.inputBytes(), origin));
      }
    }
    for (LogEvent event : decoded) {
      events.add(stamped(event, origin));
      pipelines.add(pipeline.id());
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

  /**
   * The pipeline a record's {@value #PIPELINE_HEADER} names.
   *
   * @param id the pipeline's id, or null when the record has no header (or a blank one)
   * @param refusal why the header names no pipeline the server has (not UTF-8, too long, unknown), or null
   */
  private record NamedPipeline(String id, String refusal) {}

  private NamedPipeline namedPipeline(ConsumerRecord<byte[], byte[]> record) {
    Header header = record.headers().lastHeader(PIPELINE_HEADER);
    byte[] value = header == null ? null : header.value();
    if (value == null) {
      return new NamedPipeline(null, null);
    }
    if (value.length > DefinitionReader.MAX_ID_LENGTH) {
      return new NamedPipeline(null, "header " + PIPELINE_HEADER + " is " + value.length
          + " bytes, longer than a pipeline id (" + DefinitionReader.MAX_ID_LENGTH + " at most)");
    }
    if (Utf8Text.firstInvalid(value, 0, value.length) >= 0) {
      return new NamedPipeline(null, "header " + PIPELINE_HEADER + " is not UTF-8");
    }
    String id = new String(value, StandardCharsets.UTF_8).strip();
    if (id.isEmpty()) {
      return new NamedPipeline(null, null);
    }
    if (!pipelineExists.test(id)) {
      return new NamedPipeline(null, "header " + PIPELINE_HEADER + " names pipeline '" + id
          + "', which does not exist (GET /api/v1/pipelines lists them)");
    }
    return new NamedPipeline(id, null);
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
