package dev.corral.server.inputs.kafka;

import dev.corral.model.RecordOrigin;
import dev.corral.model.Timestamps;
import dev.corral.server.config.KafkaSection;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.ingest.PipelineChoice;
import dev.corral.server.ingest.Refusal;
import dev.corral.server.ingest.Sender;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes the records one poll returned for one partition through the ingest sink, in groups of at most
 * {@link #MAX_GROUP_RECORDS} records and {@code maxGroupBytes} bytes of record values: each group is one
 * {@link IngestSink#append} and so one WAL record carrying its {@link RecordOrigin} (topic, partition, first and last
 * offset). Each event runs the pipeline its record's header names, else the topic's ({@code raw:PIPELINE}), else
 * the input's default. A group the sink finds too large once normalized is split in two until it fits; a single
 * record that does not fit becomes a dead letter. Any other refusal stops the partition at the group refused, which the
 * consumer then pauses and reads again after the refusal's hint. Stateless and thread-safe: the consumer runs one
 * call per partition at once, on virtual threads.
 */
final class PartitionAppender {
  /**
   * Records in one WAL record at most: about a thousand events and more is where a WAL append's fixed costs
   * (admission, pipelines, group commit) stop mattering.
   */
  static final int MAX_GROUP_RECORDS = 2_000;

  private final IngestSink sink;
  private final KafkaRecordDecoder decoder;
  private final KafkaSection config;
  private final long maxGroupBytes;

  /** @param maxGroupBytes record value bytes in one group at most ({@code http.max_body_bytes}: one request's worth) */
  PartitionAppender(IngestSink sink, KafkaRecordDecoder decoder, KafkaSection config, long maxGroupBytes) {
    this.sink = sink;
    this.decoder = decoder;
    this.config = config;
    this.maxGroupBytes = maxGroupBytes;
  }

  /** How one partition's records went. */
  sealed interface Outcome {
    TopicPartition partition();

    /** The offset after the last record stored, or -1 when none was. */
    long storedNext();
  }

  /** Every record was stored (as events, dead letters, or nothing for empty records). */
  record Stored(TopicPartition partition, long storedNext) implements Outcome {}

  /**
   * The sink refused the group starting at {@code resumeAt}; it and what follows were not stored.
   *
   * @param refusal why, with the retry hint
   * @param reason the sink's message
   */
  record Refused(TopicPartition partition, long storedNext, long resumeAt, Refusal refusal, String reason)
      implements Outcome {}

  /** Stores {@code records} of {@code partition} (in offset order, at least one). */
  Outcome append(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
    KafkaSection.Format format = config.format(partition.topic());
    Progress progress = new Progress();
    for (List<ConsumerRecord<byte[], byte[]>> group : groups(records)) {
      try {
        appendGroup(group, format, progress);
      } catch (IngestRejection e) {
        long resumeAt = progress.storedNext >= 0 ? progress.storedNext : records.getFirst().offset();
        return new Refused(partition, progress.storedNext, resumeAt, e.refusal(), e.getMessage());
      }
    }
    return new Stored(partition, progress.storedNext);
  }

  /** The offset after the last record stored so far, -1 before the first. */
  private static final class Progress {
    long storedNext = -1;
  }

  private void appendGroup(List<ConsumerRecord<byte[], byte[]>> group, KafkaSection.Format format, Progress progress)
      throws IngestRejection {
    long receivedAt = Timestamps.toNanos(Instant.now());
    RecordOrigin origin = new RecordOrigin(group.getFirst().topic(), group.getFirst().partition(),
        group.getFirst().offset(), group.getLast().offset());
    KafkaRecordDecoder.Decoded decoded = decoder.decode(group, format, receivedAt);
    PipelineChoice choice = new PipelineChoice(format.raw() ? format.pipeline() : null, decoded.pipelines());
    try {
      sink.append(KafkaInput.INPUT, Sender.ANONYMOUS, choice, decoded, origin, receivedAt);
      progress.storedNext = group.getLast().offset() + 1;
    } catch (IngestRejection e) {
      if (!(e.refusal() instanceof Refusal.TooLarge)) {
        throw e;
      }
      if (group.size() == 1) {
        sink.append(KafkaInput.INPUT, Sender.ANONYMOUS, PipelineChoice.DEFAULT,
            decoder.tooLarge(group.getFirst(), e.getMessage()), origin, receivedAt);
        progress.storedNext = group.getLast().offset() + 1;
        return;
      }
      int half = group.size() / 2;
      appendGroup(group.subList(0, half), format, progress);
      appendGroup(group.subList(half, group.size()), format, progress);
    }
  }

  /** Consecutive groups of at most {@link #MAX_GROUP_RECORDS} records and {@link #maxGroupBytes} value bytes. */
  private List<List<ConsumerRecord<byte[], byte[]>>> groups(List<ConsumerRecord<byte[], byte[]>> records) {
    List<List<ConsumerRecord<byte[], byte[]>>> groups = new ArrayList<>();
    List<ConsumerRecord<byte[], byte[]>> group = new ArrayList<>();
    long bytes = 0;
    for (ConsumerRecord<byte[], byte[]> record : records) {
      long size = record.value() == null ? 0 : record.value().length;
      if (!group.isEmpty() && (group.size() == MAX_GROUP_RECORDS || bytes + size > maxGroupBytes)) {
        groups.add(group);
        group = new ArrayList<>();
        bytes = 0;
      }
      group.add(record);
      bytes += size;
    }
    groups.add(group);
    return groups;
  }
}
