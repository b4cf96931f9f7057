package dev.corral.opensearch.index;

import dev.corral.opensearch.mapping.DailyIndex;
import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.opensearch.client.OpenSearchClient;
import dev.corral.opensearch.client.OpenSearchResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Corral's own application of the lifecycle on a cluster without the ISM plugin (the same policy
 * as {@link LifecyclePolicy}, counted exactly from the end of each index's day, which its name
 * gives): a daily index whose day ended {@code store.warm_after} ago and that has more segments
 * than shards is force-merged to one segment per shard; one whose day ended {@code
 * retention.max_age} ago is deleted (never when max_age is 0).
 *
 * <p>Every Corral node writing to the cluster runs it; they do the same work (a force-merge of a
 * merged index does nothing, a deleted index is skipped). Not thread-safe: one pass at a time per
 * instance (the store's lifecycle thread, or a test).
 */
public final class LifecyclePass {
  private static final Logger log = LoggerFactory.getLogger(LifecyclePass.class);

  private final OpenSearchClient client;
  private final OpenSearchStoreConfig config;

  public LifecyclePass(OpenSearchClient client, OpenSearchStoreConfig config) {
    this.client = client;
    this.config = config;
  }

  /** What one pass did. */
  public record Outcome(List<String> merged, List<String> deleted) {
    public Outcome {
      merged = List.copyOf(merged);
      deleted = List.copyOf(deleted);
    }
  }

  /** Runs one pass as of {@code now}. */
  public Outcome run(Instant now) throws IOException, InterruptedException {
    List<String> merged = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    JsonNode indices = client.get("/_cat/indices/" + config.indexPattern() + "?format=json&h=index,pri")
        .requireSuccess().json();
    for (JsonNode row : indices) {
      String index = row.path("index").asText();
      Optional<LocalDate> day = DailyIndex.day(config.indexPrefix(), index);
      if (day.isEmpty()) {
        continue;
      }
      Instant ended = DailyIndex.end(day.get());
      if (!config.maxAge().isZero() && !ended.plus(config.maxAge()).isAfter(now)) {
        OpenSearchResponse answer = client.send("DELETE", "/" + index, (JsonNode) null);
        if (answer.status() == 404) {
          continue; // another Corral node's pass deleted it a moment ago
        }
        answer.requireSuccess();
        deleted.add(index);
        log.atInfo().addKeyValue("index", index).addKeyValue("max_age", config.maxAge()).log("deleted a daily index past retention.max_age");
      } else if (!ended.plus(config.warmAfter()).isAfter(now) && segments(index) > row.path("pri").asInt(1)) {
        client.send("POST", "/" + index + "/_forcemerge?max_num_segments=1", (JsonNode) null).requireSuccess();
        // searches hold the merged-away segments until the next refresh: release them now
        client.send("POST", "/" + index + "/_refresh", (JsonNode) null).requireSuccess();
        merged.add(index);
        log.atInfo().addKeyValue("index", index).log("force-merged a daily index to one segment (warm)");
      }
    }
    return new Outcome(merged, deleted);
  }

  /** Segments of the index's primaries. */
  private int segments(String index) throws IOException, InterruptedException {
    return client.get("/" + index + "/_stats/segments").requireSuccess().json()
        .path("_all").path("primaries").path("segments").path("count").asInt();
  }
}
