package dev.corral.opensearch.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.opensearch.client.OpenSearchClient;
import dev.corral.opensearch.client.OpenSearchResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * The ISM policy {@code <prefix>-lifecycle} that mirrors Corral's settings on a cluster with the
 * Index State Management plugin: {@code hot} → {@code warm} (force-merge to one segment, which
 * rewrites the day with the template's best_compression codec) → {@code delete}. ISM counts from
 * an index's creation, which is the start of its day for live data, so the ages are one day more
 * than Corral's settings, which count from the end of the day: warm at {@code 1d + store.warm_after},
 * deleted at {@code 1d + retention.max_age} (no delete state when that is 0). Attached to new
 * daily indices by the policy's own {@code ism_template} for {@code <prefix>-*}.
 */
public final class LifecyclePolicy {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Over other policies' templates for the same indices. */
  private static final int PRIORITY = 200;
  private static final Duration DAY = Duration.ofDays(1);

  private LifecyclePolicy() {}

  public static String id(OpenSearchStoreConfig config) {
    return config.indexPrefix() + "-lifecycle";
  }

  /** The policy document ({@code {"policy": ...}}). */
  public static ObjectNode body(OpenSearchStoreConfig config) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode policy = root.putObject("policy");
    policy.put("description", "Corral: hot, warm (force-merge) after store.warm_after, delete after retention.max_age");
    policy.put("default_state", "hot");
    ArrayNode states = policy.putArray("states");
    ObjectNode hot = states.addObject().put("name", "hot");
    hot.putArray("actions");
    hot.putArray("transitions").addObject().put("state_name", "warm").putObject("conditions")
        .put("min_index_age", age(DAY.plus(config.warmAfter())));
    ObjectNode warm = states.addObject().put("name", "warm");
    warm.putArray("actions").addObject().putObject("force_merge").put("max_num_segments", 1);
    ArrayNode warmTransitions = warm.putArray("transitions");
    if (!config.maxAge().isZero()) {
      warmTransitions.addObject().put("state_name", "delete").putObject("conditions")
          .put("min_index_age", age(DAY.plus(config.maxAge())));
      ObjectNode delete = states.addObject().put("name", "delete");
      delete.putArray("actions").addObject().putObject("delete");
      delete.putArray("transitions");
    }
    policy.putArray("ism_template").addObject().put("priority", PRIORITY).putArray("index_patterns")
        .add(config.indexPattern());
    return root;
  }

  /** Creates the policy, or updates it when it differs (ISM versions policies by sequence number). */
  public static void install(OpenSearchClient client, OpenSearchStoreConfig config)
      throws IOException, InterruptedException {
    String path = "/_plugins/_ism/policies/" + id(config);
    ObjectNode wanted = body(config);
    OpenSearchResponse current = client.get(path);
    if (current.status() == 404) {
      client.send("PUT", path, wanted).requireSuccess();
      return;
    }
    JsonNode existing = current.requireSuccess().json();
    if (sameStates(existing.path("policy"), wanted.path("policy"))) {
      return;
    }
    client.send("PUT", path + "?if_seq_no=" + existing.path("_seq_no").asLong() + "&if_primary_term="
        + existing.path("_primary_term").asLong(), wanted).requireSuccess();
  }

  private static boolean sameStates(JsonNode existing, JsonNode wanted) {
    return existing.path("states").equals(wanted.path("states"));
  }

  /** ISM's time unit text: whole seconds ({@code 90000s}), exact for any Duration Corral accepts. */
  static String age(Duration duration) {
    return duration.toSeconds() + "s";
  }
}
