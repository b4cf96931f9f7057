package dev.corral.server.inputs.kafka;

import dev.corral.server.config.KafkaSection;
import dev.corral.server.ingest.OriginFollower;
import dev.corral.server.ingest.Refusal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka input's one consumer thread (a {@link KafkaConsumer} is not thread-safe: everything that touches it
 * runs here). Each turn of the loop:
 * <ol>
 *   <li>about every {@link #TOPIC_CHECK_INTERVAL}, asks the brokers for the topic list: unreachable brokers,
 *       refused credentials or TLS handshakes, and missing (deleted) topics are logged once when they change and
 *       shown in stats;
 *   <li>commits, asynchronously, the offsets {@link CommittableOffsets} released (durable in the WAL and taken by
 *       the store) for the partitions it holds;
 *   <li>resumes the partitions whose pause is over;
 *   <li>polls, and stores each partition's records through {@link PartitionAppender}, the partitions in parallel on
 *       virtual threads, waiting for all before the next poll: so no append is ever in flight when the consumer
 *       rebalances (which happens inside {@code poll}). A partition the sink refused is paused and sought back to
 *       its first record not stored, and read again after the refusal's hint: nothing is buffered meanwhile.
 * </ol>
 * On assignment a partition is sought to the larger of Kafka's committed offset and the offset after the last
 * record the local WAL holds ({@link OriginFollower}, plus what this process stored): after kill -9 nothing is read
 * twice. On revocation it waits (at most {@link #REVOKE_WAIT}) until what it stored of the revoked partitions is
 * committable, and commits that synchronously before letting them go.
 */
final class ConsumerLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
  /** One poll waits this long at most: pauses end and commits leave at least this often. */
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  /** The wait before polling again after a poll failed (brokers gone, credentials refused): the client retries too. */
  private static final Duration POLL_RETRY = Duration.ofSeconds(1);
  /** A topic-list request that takes longer means no broker answers. */
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
  /** How often the topics are listed: a deleted topic or unreachable brokers show within this. */
  private static final Duration TOPIC_CHECK_INTERVAL = Duration.ofSeconds(5);
  /** How long a revoked partition may wait for its stored records to become committable (a store's checkpoint). */
  private static final Duration REVOKE_WAIT = Duration.ofSeconds(10);
  /** A synchronous commit or committed-offsets request longer than this fails (and is logged). */
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
  /** The shortest pause after a refusal, also used when the refusal gives no hint. */
  private static final long MIN_PAUSE_SECONDS = 1;
  /** How long the final commit and the consumer's leaving the group may take when the input stops. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  /** The follower's check for having read the WAL as it was at start, repeated while the input runs. */
  private static final Duration FOLLOWER_WAIT = Duration.ofSeconds(1);

  private final KafkaSection config;
  private final Properties properties;
  private final PartitionAppender appender;
  private final OriginFollower follower;
  private final CommittableOffsets offsets;
  private final ConsumerState state;
  private final ExecutorService appends = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean stopping;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  /** For each partition, the offset after the last record this process stored (kept across revocations). */
  private final Map<TopicPartition, Long> storedNext = new HashMap<>();
  /** For each held partition, the offset committed last (by anyone, as read on assignment, or by this consumer). */
  private final Map<TopicPartition, Long> committedNext = new HashMap<>();
  /** Paused partitions and when (System.nanoTime) they resume. */
  private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();

  ConsumerLoop(KafkaSection config, Properties properties, PartitionAppender appender, OriginFollower follower,
      CommittableOffsets offsets, ConsumerState state) {
    this.config = config;
    this.properties = properties;
    this.appender = appender;
    this.follower = follower;
    this.offsets = offsets;
    this.state = state;
  }

  /** Asks the loop to end (any thread): it stops polling, commits what is committable and leaves the group. */
  void stop() {
    stopping = true;
    KafkaConsumer<byte[], byte[]> running = consumer;
    if (running != null) {
      running.wakeup();
    }
  }

  @Override
  public void run() {
    try {
      if (!awaitFollower()) {
        return;
      }
      try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(properties)) {
        consumer = kafka;
        if (stopping) {
          return;
        }
        try {
          subscribe(kafka);
          poll(kafka);
        } catch (WakeupException e) {
          // stop() asked; fall through to the final commit
        }
        commitCommittable(kafka, true);
        kafka.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      state.connection(ConsumerState.Connection.STOPPED, String.valueOf(e.getMessage()));
      log.atError().setCause(e).log("kafka input stopped: its consumer failed; restart the server after fixing the cause");
      return;
    } finally {
      appends.shutdownNow();
    }
    state.connection(ConsumerState.Connection.STOPPED, "");
  }

  /** Waits until the origin follower has read the WAL as it was at start; false when the input stops first. */
  private boolean awaitFollower() throws InterruptedException {
    while (!stopping) {
      if (follower.awaitCaughtUp(FOLLOWER_WAIT)) {
        return true;
      }
      if (follower.failure().isPresent()) {
        throw new IllegalStateException("the WAL follower of the Kafka offsets stopped: " + follower.failure().get());
      }
    }
    return false;
  }

  private void subscribe(KafkaConsumer<byte[], byte[]> kafka) {
    Rebalance listener = new Rebalance(kafka);
    if (config.topicPattern() != null) {
      kafka.subscribe(config.topicPattern(), listener);
    } else {
      kafka.subscribe(config.topics(), listener);
    }
  }

  private void poll(KafkaConsumer<byte[], byte[]> kafka) throws InterruptedException {
    long nextCheck = System.nanoTime();
    while (!stopping) {
      if (System.nanoTime() - nextCheck >= 0) {
        checkTopics(kafka);
        nextCheck = System.nanoTime() + TOPIC_CHECK_INTERVAL.toNanos();
      }
      commitCommittable(kafka, false);
      resumeDue(kafka);
      ConsumerRecords<byte[], byte[]> records;
      try {
        records = kafka.poll(POLL_TIMEOUT);
      } catch (WakeupException e) {
        throw e;
      } catch (AuthenticationException e) {
        authenticationFailed(e);
        Thread.sleep(POLL_RETRY.toMillis());
        continue;
      } catch (KafkaException e) {
        state.connection(ConsumerState.Connection.UNREACHABLE, e.getMessage());
        log.atWarn().addKeyValue("reason", e.getMessage()).log("kafka input: poll failed; retrying");
        Thread.sleep(POLL_RETRY.toMillis());
        continue;
      }
      updateLag(kafka);
      if (!records.isEmpty()) {
        connected(); // records came from a broker: no need to wait for the next topic check
        store(kafka, records);
      }
    }
  }

  /** Lists the topics: tells whether the brokers answer and which configured topics are missing. */
  private void checkTopics(KafkaConsumer<byte[], byte[]> kafka) {
    Map<String, List<PartitionInfo>> topics;
    try {
      topics = kafka.listTopics(METADATA_TIMEOUT);
    } catch (TimeoutException e) {
      if (state.connection() == ConsumerState.Connection.AUTHENTICATION_FAILED) {
        return; // no answer while the brokers refuse this client tells nothing new: the refusal stands
      }
      if (state.connection() != ConsumerState.Connection.UNREACHABLE) {
        log.atWarn().addKeyValue("bootstrap_servers", String.join(",", config.bootstrapServers()))
            .addKeyValue("retry_every", TOPIC_CHECK_INTERVAL)
            .log("kafka input: brokers unreachable (no answer within " + METADATA_TIMEOUT.toSeconds()
                + " s); the server runs on and the input retries");
      }
      state.connection(ConsumerState.Connection.UNREACHABLE, "no broker of kafka.bootstrap_servers answered within "
          + METADATA_TIMEOUT.toSeconds() + " s");
      return;
    } catch (WakeupException e) {
      throw e;
    } catch (AuthenticationException e) {
      authenticationFailed(e);
      return;
    } catch (KafkaException e) {
      if (state.connection() != ConsumerState.Connection.UNREACHABLE) {
        log.atWarn().addKeyValue("reason", e.getMessage()).log("kafka input: the brokers refused the topic list; "
            + "retrying");
      }
      state.connection(ConsumerState.Connection.UNREACHABLE, e.getMessage());
      return;
    }
    connected();
    if (config.topicPattern() == null) {
      Set<String> missing = new TreeSet<>(config.topics());
      missing.removeAll(topics.keySet());
      if (!missing.equals(state.missingTopics())) {
        if (missing.isEmpty()) {
          log.atInfo().log("kafka input: every configured topic exists");
        } else {
          log.atWarn().addKeyValue("topics", String.join(",", missing))
              .log("kafka input: topics missing (deleted, or not created yet); the other topics are read on");
        }
        state.missingTopics(missing);
      }
    }
  }

  /**
   * A broker refused the credentials or the TLS handshake failed: logged once until the input connects (the
   * consumer retries), the reason in stats. Kafka's messages name the mechanism or the certificate problem, never a
   * credential.
   */
  private void authenticationFailed(AuthenticationException e) {
    String reason = e.getMessage();
    if (e.getCause() != null && e.getCause().getMessage() != null) {
      reason += ": " + e.getCause().getMessage(); // a TLS failure's own message is only "SSL handshake failed"
    }
    if (state.connection() != ConsumerState.Connection.AUTHENTICATION_FAILED) {
      log.atError().addKeyValue("bootstrap_servers", String.join(",", config.bootstrapServers()))
          .addKeyValue("reason", reason)
          .log("kafka input: authentication with the brokers failed; check the SASL and TLS items of kafka.client "
              + "(the input retries)");
    }
    state.connection(ConsumerState.Connection.AUTHENTICATION_FAILED, reason);
  }

  private void connected() {
    if (state.connection() != ConsumerState.Connection.CONNECTED) {
      log.atInfo().addKeyValue("bootstrap_servers", String.join(",", config.bootstrapServers()))
          .addKeyValue("group", config.groupId()).log("kafka input: connected");
      state.connection(ConsumerState.Connection.CONNECTED, "");
    }
  }

  /** Stores the records of each partition in parallel; pauses those the sink refused. */
  private void store(KafkaConsumer<byte[], byte[]> kafka, ConsumerRecords<byte[], byte[]> records)
      throws InterruptedException {
    state.read(records.count());
    List<Callable<PartitionAppender.Outcome>> tasks = new ArrayList<>();
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> ofPartition = records.records(partition);
      tasks.add(() -> appender.append(partition, ofPartition));
    }
    List<Future<PartitionAppender.Outcome>> outcomes = appends.invokeAll(tasks);
    Iterator<TopicPartition> partitions = records.partitions().iterator();
    for (Future<PartitionAppender.Outcome> future : outcomes) {
      TopicPartition partition = partitions.next();
      PartitionAppender.Outcome outcome;
      try {
        outcome = future.get();
      } catch (ExecutionException e) {
        log.atError().setCause(e.getCause()).addKeyValue("partition", partition)
            .log("BUG: storing Kafka records failed unexpectedly; the partition is read again after a pause");
        pause(kafka, partition, records.records(partition).getFirst().offset(), MIN_PAUSE_SECONDS);
        continue;
      }
      if (outcome.storedNext() >= 0) {
        storedNext.merge(partition, outcome.storedNext(), Math::max);
      }
      if (outcome instanceof PartitionAppender.Refused refused) {
        log.atDebug().addKeyValue("partition", partition).addKeyValue("offset", refused.resumeAt())
            .addKeyValue("reason", refused.reason()).log("kafka input: ingest refused the records; partition paused");
        pause(kafka, partition, refused.resumeAt(), retryAfter(refused.refusal()));
      }
    }
  }

  private static long retryAfter(Refusal refusal) {
    return Math.max(MIN_PAUSE_SECONDS, refusal.retryAfterSeconds());
  }

  private void pause(KafkaConsumer<byte[], byte[]> kafka, TopicPartition partition, long resumeAt, long seconds) {
    kafka.pause(Set.of(partition));
    kafka.seek(partition, resumeAt);
    pausedUntil.put(partition, System.nanoTime() + Duration.ofSeconds(seconds).toNanos());
    state.paused(partition);
  }

  private void resumeDue(KafkaConsumer<byte[], byte[]> kafka) {
    long now = System.nanoTime();
    Iterator<Map.Entry<TopicPartition, Long>> due = pausedUntil.entrySet().iterator();
    while (due.hasNext()) {
      Map.Entry<TopicPartition, Long> paused = due.next();
      if (now - paused.getValue() >= 0) {
        kafka.resume(Set.of(paused.getKey()));
        state.resumed(paused.getKey());
        due.remove();
      }
    }
  }

  private void updateLag(KafkaConsumer<byte[], byte[]> kafka) {
    for (TopicPartition partition : kafka.assignment()) {
      kafka.currentLag(partition).ifPresent(lag -> state.lag(partition, lag));
    }
  }

  /**
   * Commits, for the partitions held, the committable offsets past what is committed: asynchronously in the loop
   * (the result arrives in a later poll), synchronously on the way out.
   */
  private void commitCommittable(KafkaConsumer<byte[], byte[]> kafka, boolean synchronous) {
    Map<TopicPartition, OffsetAndMetadata> due = due(offsets.committable(), kafka.assignment());
    if (due.isEmpty()) {
      return;
    }
    due.forEach((partition, offset) -> committedNext.put(partition, offset.offset()));
    if (synchronous) {
      commitNow(kafka, due);
      return;
    }
    kafka.commitAsync(due, (committed, failure) -> {
      if (failure == null) {
        state.committed();
        return;
      }
      state.commitFailed();
      committed.keySet().forEach(committedNext::remove); // offered again on the next turn
      log.atDebug().addKeyValue("reason", failure.getMessage()).log("kafka input: offset commit failed; retrying");
    });
  }

  private Map<TopicPartition, OffsetAndMetadata> due(Map<TopicPartition, Long> committable,
      Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> due = new HashMap<>();
    for (TopicPartition partition : partitions) {
      Long next = committable.get(partition);
      if (next != null && next > committedNext.getOrDefault(partition, -1L)) {
        due.put(partition, new OffsetAndMetadata(next));
      }
    }
    return due;
  }

  private void commitNow(KafkaConsumer<byte[], byte[]> kafka, Map<TopicPartition, OffsetAndMetadata> due) {
    try {
      kafka.commitSync(due, COMMIT_TIMEOUT);
      state.committed();
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      state.commitFailed();
      log.atWarn().addKeyValue("partitions", due.keySet()).addKeyValue("reason", e.getMessage())
          .log("kafka input: could not commit the offsets of partitions being released; their next owner reads "
              + "from the last committed offset");
    }
  }

  /** The consumer's rebalance callbacks; called inside {@code poll} on the consumer thread. */
  private final class Rebalance implements ConsumerRebalanceListener {
    private final KafkaConsumer<byte[], byte[]> kafka;

    Rebalance(KafkaConsumer<byte[], byte[]> kafka) {
      this.kafka = kafka;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      if (revoked.isEmpty()) {
        return;
      }
      state.rebalanced();
      long deadline = System.nanoTime() + REVOKE_WAIT.toNanos();
      for (TopicPartition partition : revoked) {
        long stored = storedNext.getOrDefault(partition, -1L);
        while (offsets.committable(partition) < stored && System.nanoTime() - deadline < 0 && !stopping) {
          try {
            Thread.sleep(10);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
        if (offsets.committable(partition) < stored) {
          log.atWarn().addKeyValue("partition", partition).addKeyValue("stored_next", stored)
              .addKeyValue("committable_next", offsets.committable(partition))
              .log("kafka input: releasing a partition whose stored records are not all committable yet; its next "
                  + "owner reads them again");
        }
      }
      Map<TopicPartition, OffsetAndMetadata> due = due(offsets.committable(), revoked);
      if (!due.isEmpty()) {
        commitNow(kafka, due);
      }
      revoked.forEach(ConsumerLoop.this::forget);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      state.rebalanced();
      lost.forEach(ConsumerLoop.this::forget);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      if (assigned.isEmpty()) {
        return;
      }
      state.rebalanced();
      Map<TopicPartition, OffsetAndMetadata> committed = committed(assigned);
      for (TopicPartition partition : assigned) {
        OffsetAndMetadata offset = committed.get(partition);
        long kafkaNext = offset == null ? -1 : offset.offset();
        long held = Math.max(follower.heldNextOffset(partition.topic(), partition.partition()).orElse(-1),
            Math.max(storedNext.getOrDefault(partition, -1L), offsets.committable(partition)));
        committedNext.put(partition, kafkaNext);
        state.lag(partition, 0);
        long resumeAt = Math.max(kafkaNext, held);
        if (resumeAt >= 0) {
          kafka.seek(partition, resumeAt);
        }
        if (held > kafkaNext) {
          log.atInfo().addKeyValue("partition", partition).addKeyValue("committed", kafkaNext)
              .addKeyValue("resume_at", held)
              .log("kafka input: the WAL holds records past the committed offset; resuming after them");
        }
      }
    }
  }

  /**
   * Kafka's committed offsets of {@code assigned}; none when the request fails (logged): the partitions then resume
   * where the local WAL ends, which is never behind what this node committed itself.
   */
  private Map<TopicPartition, OffsetAndMetadata> committed(Collection<TopicPartition> assigned) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(assigned), COMMIT_TIMEOUT);
      return committed == null ? Map.of() : new HashMap<>(committed);
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      log.atWarn().addKeyValue("partitions", assigned).addKeyValue("reason", e.getMessage())
          .log("kafka input: could not read the committed offsets of newly assigned partitions; resuming where the "
              + "local WAL ends");
      return Map.of();
    }
  }

  private void forget(TopicPartition partition) {
    committedNext.remove(partition);
    pausedUntil.remove(partition);
    state.released(partition);
  }
}
