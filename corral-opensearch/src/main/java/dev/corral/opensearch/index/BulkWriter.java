package dev.corral.opensearch.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.opensearch.client.OpenSearchClient;
import dev.corral.opensearch.client.OpenSearchResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends documents with {@code _bulk} until the cluster has acknowledged every one of them:
 * <ol>
 *   <li>An item answered 2xx is done.
 *   <li>An item answered 429 or 5xx (a busy or failing shard, an index blocked by the disk's
 *       flood-stage watermark) is sent again after a backoff.
 *   <li>An item answered 400 (the document itself: a mapping conflict, a value the mapping cannot
 *       parse) is replaced by its dead letter ({@link DeadLetterDocument}, OpenSearch's reason
 *       naming the field), which is sent in the next round; nothing else of the request is affected.
 *   <li>An item answered with another 4xx (401/403: credentials or a write block on the index; 404:
 *       the index cannot be created) is not the document's fault: it is sent again after a backoff,
 *       and {@link ClusterFailure} says why meanwhile, until an operator fixes the cause.
 *   <li>A request that fails as a whole (the cluster unreachable, 401/403, any non-2xx answer to
 *       {@code _bulk} itself) is sent again after a backoff that doubles up to {@value
 *       #MAX_BACKOFF_MILLIS} ms; {@link ClusterFailure} says why meanwhile.
 * </ol>
 * Returns only when every document (or its dead letter) is acknowledged, or when {@code stopping}
 * says so. Not thread-safe: the store's writer thread owns it.
 */
final class BulkWriter {
  private static final Logger log = LoggerFactory.getLogger(OpenSearchStore.class);
  /** First pause after a failed round: a restarting node takes seconds, a busy shard less. */
  static final long FIRST_BACKOFF_MILLIS = 200;
  /** Longest pause between rounds: a cluster back up is used within this. */
  static final long MAX_BACKOFF_MILLIS = 5_000;

  private final OpenSearchClient client;
  private final ClusterFailure failure;
  private final BooleanSupplier stopping;
  /** Documents the cluster acknowledged, dead letters included. */
  private final AtomicLong acknowledged = new AtomicLong();
  /** Documents the cluster rejected for themselves, replaced by their dead letters. */
  private final AtomicLong deadLetters = new AtomicLong();

  BulkWriter(OpenSearchClient client, ClusterFailure failure, BooleanSupplier stopping) {
    this.client = client;
    this.failure = failure;
    this.stopping = stopping;
  }

  /**
   * Writes {@code items}; see the class contract.
   *
   * @return false when it stopped (the store is closing) before all were acknowledged
   */
  boolean write(List<BulkItem> items) throws InterruptedException {
    List<BulkItem> remaining = items;
    long backoff = FIRST_BACKOFF_MILLIS;
    while (!remaining.isEmpty()) {
      if (stopping.getAsBoolean()) {
        return false;
      }
      Round round = send(remaining);
      if (round.failed()) {
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        continue;
      }
      if (round.refusal() != null) {
        failure.fail(round.refusal());
      } else {
        failure.clear();
      }
      if (round.busy()) {
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
      } else {
        backoff = FIRST_BACKOFF_MILLIS;
      }
      remaining = round.again();
    }
    return true;
  }

  /** One {@code _bulk} request: what must go again, and whether the request failed as a whole. */
  private Round send(List<BulkItem> items) throws InterruptedException {
    OpenSearchResponse answer;
    JsonNode results;
    try {
      answer = client.bulk(BulkBody.of(items));
      if (!answer.isSuccess()) {
        failure.fail(answer.error().getMessage());
        return Round.FAILED;
      }
      results = answer.json().path("items");
    } catch (IOException e) {
      failure.fail(e.getMessage());
      return Round.FAILED;
    }
    if (results.size() != items.size()) {
      throw new IllegalStateException("BUG: _bulk answered " + results.size() + " items for " + items.size() + " sent");
    }
    List<BulkItem> again = new ArrayList<>();
    boolean busy = false;
    String refusal = null;
    for (int i = 0; i < items.size(); i++) {
      JsonNode result = results.get(i).path("index");
      int status = result.path("status").asInt();
      BulkItem item = items.get(i);
      if (status >= 200 && status < 300) {
        acknowledged.incrementAndGet();
        continue;
      }
      if (status == 429 || status >= 500) {
        busy = true;
        again.add(item);
      } else if (status != 400) {
        busy = true;
        again.add(item);
        if (refusal == null) {
          refusal = "OpenSearch refuses documents of index " + item.index() + " with " + status + " ("
              + reason(result) + "); retrying until that is fixed";
        }
      } else if (item.deadLetter()) {
        // a dead letter has only Corral's own fields: its rejection is a bug, not the user's data
        log.atError().addKeyValue("index", item.index()).addKeyValue("id", item.id()).addKeyValue("status", status)
            .addKeyValue("reason", reason(result)).log("OpenSearch rejected a dead letter; the event stays in the WAL only");
      } else {
        deadLetters.incrementAndGet();
        again.add(item.asDeadLetter(reason(result)));
      }
    }
    return new Round(again, busy, false, refusal);
  }

  /** Documents acknowledged so far, dead letters included. */
  long acknowledged() {
    return acknowledged.get();
  }

  /** Documents rejected so far and replaced by their dead letters. */
  long deadLetters() {
    return deadLetters.get();
  }

  /** OpenSearch's error of one item: type, reason and the cause's reason, which names the value. */
  static String reason(JsonNode result) {
    JsonNode error = result.path("error");
    StringBuilder reason = new StringBuilder(error.path("type").asText("error")).append(": ")
        .append(error.path("reason").asText(error.asText()));
    JsonNode cause = error.path("caused_by");
    if (cause.isObject()) {
      reason.append(" (").append(cause.path("type").asText()).append(": ").append(cause.path("reason").asText()).append(')');
    }
    return reason.toString();
  }

  /**
   * @param again the items to send in the next round
   * @param busy whether to back off before it
   * @param failed whether the request failed as a whole
   * @param refusal why the cluster refuses items through no fault of theirs, or null
   */
  private record Round(List<BulkItem> again, boolean busy, boolean failed, String refusal) {
    static final Round FAILED = new Round(List.of(), false, true, null);
  }
}
