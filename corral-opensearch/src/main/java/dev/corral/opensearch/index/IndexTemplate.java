package dev.corral.opensearch.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.opensearch.client.OpenSearchClient;
import dev.corral.opensearch.mapping.IndexMappings;
import java.io.IOException;

/**
 * Corral's composable index template {@code <prefix>} for {@code <prefix>-*}: the mappings of
 * {@link IndexMappings}, and the settings every daily index is created with:
 * <ul>
 *   <li>{@code number_of_shards}/{@code number_of_replicas} from the configuration;
 *   <li>{@code codec: best_compression} from the start: {@code index.codec} is a static setting
 *       (changed only on a closed index) and ISM has no action for it, so the warm state's
 *       force-merge to one segment is what rewrites a day compactly, with this codec;
 *   <li>{@code refresh_interval: 1s}, as the local store's default staleness;
 *   <li>{@code mapping.ignore_malformed: true}: a string where a number was mapped first is kept in
 *       {@code _source}, not rejected (not searchable by value, like the field-limit overflow);
 *   <li>{@code mapping.total_fields.limit} well above {@code store.opensearch.max_fields}, which
 *       Corral enforces itself (OpenSearch counts every object on a dotted path as a field too).
 * </ul>
 * {@link #install} is idempotent: it puts the template each start; {@code version} says which
 * Corral layout it is ({@value #VERSION}).
 */
public final class IndexTemplate {
  /** Raised whenever the template's layout changes. */
  public static final int VERSION = 1;
  /** Above the template's other ones for the same pattern, if an operator has some. */
  private static final int PRIORITY = 200;
  /** Object fields on dotted paths count against OpenSearch's own limit: room for three per Corral field. */
  private static final int FIELDS_PER_CORRAL_FIELD = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private IndexTemplate() {}

  /** The template's name: the index prefix. */
  public static String name(OpenSearchStoreConfig config) {
    return config.indexPrefix();
  }

  /** The template body. */
  public static ObjectNode body(OpenSearchStoreConfig config) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("index_patterns").add(config.indexPattern());
    body.put("priority", PRIORITY);
    body.put("version", VERSION);
    body.putObject("_meta").put("managed_by", "corral");
    ObjectNode template = body.putObject("template");
    ObjectNode index = template.putObject("settings").putObject("index");
    index.put("number_of_shards", config.shards());
    index.put("number_of_replicas", config.replicas());
    index.put("codec", "best_compression");
    index.put("refresh_interval", "1s");
    ObjectNode mapping = index.putObject("mapping");
    mapping.put("ignore_malformed", true);
    mapping.putObject("total_fields").put("limit", (long) config.maxFields() * FIELDS_PER_CORRAL_FIELD + 100);
    template.set("mappings", IndexMappings.mappings(config.maxKeywordBytes()));
    return body;
  }

  /** Puts the template; see the class comment. */
  public static void install(OpenSearchClient client, OpenSearchStoreConfig config)
      throws IOException, InterruptedException {
    client.send("PUT", "/_index_template/" + name(config), body(config)).requireSuccess();
  }
}
