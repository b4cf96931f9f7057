package dev.corral.server.forward;

import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import dev.corral.server.ingest.ReservedLogtypes;
import dev.corral.server.inputs.kafka.KafkaInput;
import dev.corral.wal.MissedRecords;
import dev.corral.wal.RecordConsumer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kafka-forward} WAL consumer, run on the follower's thread: sends each event of each durable record to
 * the topic (value: the event's canonical JSON line; key: its service, none without one) and lets the cursor pass a
 * record only once the broker acknowledged every one of its events ({@link #processedUpTo}). So a kill -9 of the
 * server sends the unacknowledged tail again: at least once, never lost.
 *
 * <ol>
 *   <li>Not forwarded (counted as skipped): events that came in through the Kafka input (their WAL record carries
 *       its Kafka origin, and each event {@value #KAFKA_ORIGIN_FIELD}: forwarding them would loop) and the server's
 *       own audit entries.
 *   <li>Sends are asynchronous; the producer holds at most {@code buffer.memory} and then blocks this thread, so the
 *       follower lags behind the WAL (its consumer lag) instead of buffering without bound. Ingest never waits.
 *   <li>A failed send (broker down, a timeout, not enough replicas) is queued; before it reads on, the consumer
 *       sends the queued events again, in the order they failed, after a backoff (doubling from
 *       {@link #FIRST_BACKOFF} to {@link #MAX_BACKOFF}), and waits for their answers, until none fails. Meanwhile it
 *       reads nothing new: the WAL holds the records back (within its retention bound).
 *   <li>{@link #stop()} (any thread) ends a backoff wait at once; what was not acknowledged is read again at the next
 *       start.
 * </ol>
 */
final class ForwardingConsumer implements RecordConsumer {
  private static final Logger log = LoggerFactory.getLogger(ForwardingConsumer.class);
  /** The field the Kafka input gives each event it read (with {@code kafka.partition} and {@code kafka.offset}). */
  static final String KAFKA_ORIGIN_FIELD = KafkaInput.TOPIC_FIELD;
  /** First wait before sending failed events again: a leader election costs little delay. */
  static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  /** Longest wait between attempts: forwarding resumes within 10 s of the cluster's return. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final String target;
  private final ForwardStats stats;
  /** Records sent and not yet passed by the cursor, in WAL order; guarded by itself. */
  private final Deque<InFlightRecord> inFlight = new ArrayDeque<>();
  /** Events whose send failed, in the order the failures were told; sent again before anything new. */
  private final ConcurrentLinkedQueue<Outgoing> failed = new ConcurrentLinkedQueue<>();
  private final Object wake = new Object();
  private volatile boolean stopping;

  /** One event on its way: the record it belongs to, its key and value. */
  private record Outgoing(InFlightRecord record, byte[] key, byte[] value) {
  }

  /** @param target {@code kafka://<bootstrap servers>/<topic>}, for errors */
  ForwardingConsumer(Producer<byte[], byte[]> producer, String topic, String target, ForwardStats stats) {
    this.producer = producer;
    this.topic = topic;
    this.target = target;
    this.stats = stats;
  }

  @Override
  public void accept(long position, long nextPosition, byte[] payload) throws IOException {
    settleFailures();
    EventBatch batch = EventBatch.decode(payload);
    List<LogEvent> events = batch.events();
    int[] forwarded = batch.origin().isPresent() ? new int[0] // read from a partitioned log: the Kafka input's
        : IntStream.range(0, events.size()).filter(i -> isForwarded(events.get(i))).toArray();
    stats.skipped(events.size() - forwarded.length);
    InFlightRecord record = new InFlightRecord(position, forwarded.length);
    List<Outgoing> outgoing = new ArrayList<>(forwarded.length);
    for (int i : forwarded) {
      String service = events.get(i).service();
      int start = batch.lineStart(i);
      outgoing.add(new Outgoing(record, service == null ? null : service.getBytes(StandardCharsets.UTF_8),
          Arrays.copyOfRange(batch.source(), start, start + batch.lineLength(i))));
    }
    synchronized (inFlight) {
      inFlight.addLast(record);
    }
    sendAll(outgoing);
  }

  /** Whether an event goes to the topic: not one the Kafka input read, not an audit entry. */
  static boolean isForwarded(LogEvent event) {
    return event.get(KAFKA_ORIGIN_FIELD) == null
        && !ReservedLogtypes.AUDIT.equals(event.get(ReservedLogtypes.FIELD));
  }

  /**
   * Hands each event to the producer; once one fails at once (no metadata: the cluster is unreachable, the topic
   * missing), the rest are queued as failed rather than each waiting as long.
   */
  private void sendAll(List<Outgoing> events) throws IOException {
    for (int i = 0; i < events.size(); i++) {
      Outgoing event = events.get(i);
      Future<RecordMetadata> sent;
      try {
        sent = producer.send(new ProducerRecord<>(topic, event.key(), event.value()), (metadata, error) -> {
          if (error == null) {
            stats.forwarded();
            event.record().acknowledged();
          } else {
            failed.add(event);
            failure(error);
          }
        });
      } catch (InterruptException e) {
        throw new InterruptedIOException("kafka-forward stopped while sending to " + topic);
      } catch (KafkaException e) {
        failed.addAll(events.subList(i, events.size()));
        failure(e);
        return;
      }
      if (sent.isDone() && hasFailed(sent) && i + 1 < events.size()) {
        failed.addAll(events.subList(i + 1, events.size()));
        return;
      }
    }
  }

  /** Whether a completed send failed. */
  private static boolean hasFailed(Future<RecordMetadata> sent) {
    try {
      sent.get();
      return false;
    } catch (ExecutionException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopping: the follower ends at its next step
      return true;
    }
  }

  private void failure(Exception error) {
    String reason = target + ": " + error.getClass().getSimpleName() + ": " + error.getMessage();
    if (stats.failed(reason)) {
      log.atWarn().addKeyValue("error", reason)
          .addKeyValue("retriable", error instanceof RetriableException)
          .log("kafka-forward cannot send; retrying with backoff, the follower lags behind the WAL until it can");
    }
  }

  /**
   * Sends the failed events again until none fails: back off, resend in order, wait for every answer
   * ({@code flush}). Returns at once when nothing failed.
   */
  private void settleFailures() throws IOException {
    long backoff = FIRST_BACKOFF.toMillis();
    while (!failed.isEmpty() && !stopping) {
      pause(backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
      List<Outgoing> again = new ArrayList<>();
      for (Outgoing event = failed.poll(); event != null; event = failed.poll()) {
        again.add(event);
      }
      stats.resent(again.size());
      sendAll(again);
      flush();
    }
    Instant since = stats.recovered();
    if (since != null) {
      log.atInfo().addKeyValue("topic", topic).addKeyValue("after_ms", Duration.between(since, Instant.now()).toMillis())
          .log("kafka-forward sending again");
    }
  }

  private void flush() throws InterruptedIOException {
    try {
      producer.flush();
    } catch (InterruptException e) {
      throw new InterruptedIOException("kafka-forward stopped while waiting for the broker");
    }
  }

  /** Waits {@code millis}, or less when {@link #stop()} is called. */
  private void pause(long millis) throws InterruptedIOException {
    long until = System.nanoTime() + millis * 1_000_000;
    synchronized (wake) {
      while (!stopping) {
        long left = (until - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return;
        }
        try {
          wake.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("kafka-forward stopped during its backoff");
        }
      }
    }
  }

  @Override
  public void passEnded() throws IOException {
    settleFailures();
  }

  @Override
  public long processedUpTo(long next) {
    synchronized (inFlight) {
      while (!inFlight.isEmpty() && inFlight.peekFirst().done()) {
        inFlight.pollFirst();
      }
      return inFlight.isEmpty() ? next : inFlight.peekFirst().position();
    }
  }

  @Override
  public void missed(MissedRecords gap) {
    stats.missed(gap.bytes());
    log.atWarn().addKeyValue("from", gap.from()).addKeyValue("to", gap.to()).addKeyValue("bytes", gap.bytes())
        .log("kafka-forward gap: records deleted by the WAL retention bound before they were forwarded");
  }

  /** Ends a backoff wait at once; from then on the consumer stops at its next wait. */
  void stop() {
    stopping = true;
    synchronized (wake) {
      wake.notifyAll();
    }
  }
}
