package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.ship.config.StatusConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code corral ship status}: asks a running shipper's status endpoint ({@code GET /status}) and prints its
 * sources as a table (offset read, acknowledged, lag in bytes), then the delivery and spool counters; or the JSON
 * as it came with {@code --json}.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show what a running shipper is doing.")
public final class ShipStatusCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A loopback endpoint answers at once; a hung one is not waited for. */
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Option(names = "--url", description = "The shipper's status endpoint (status.listen), default ${DEFAULT-VALUE}.",
      defaultValue = "http://" + StatusConfig.DEFAULT_LISTEN)
  String url;

  @Option(names = "--json", description = "Print the status as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    JsonNode status;
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "")
          + "/status")).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        System.err.println("corral ship status: " + url + " answered " + response.statusCode());
        return 1;
      }
      status = JSON.readTree(response.body());
    } catch (IOException e) {
      System.err.println("corral ship status: no shipper answers at " + url + " (" + e.getClass().getSimpleName()
          + "); is `corral ship` running, with this status.listen?");
      return 1;
    }
    if (json) {
      System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(status));
    } else {
      print(status, System.out);
    }
    return 0;
  }

  /** The status as text: the sources table, then one line per part. */
  static void print(JsonNode status, PrintStream out) {
    TablePrinter.format(sourcesTable(status.path("sources"))).forEach(out::println);
    out.println();
    for (String line : summary(status)) {
      out.println(line);
    }
  }

  static List<String> summary(JsonNode status) {
    JsonNode delivery = status.path("delivery");
    JsonNode spool = status.path("spool");
    List<String> lines = new ArrayList<>();
    lines.add("output      " + status.path("output").path("url").asText() + " ("
        + status.path("output").path("format").asText() + ")");
    lines.add("sent        " + delivery.path("sent_events").asLong() + " events in "
        + delivery.path("sent_batches").asLong() + " requests; rejected by the server "
        + delivery.path("rejected_events").asLong() + "; refused and dropped " + delivery.path("dropped_events").asLong()
        + "; retries " + delivery.path("retries").asLong());
    lines.add("queue       " + status.path("queue").asLong() + " records");
    lines.add("spool       " + spool.path("bytes").asLong() + " bytes, " + spool.path("batches").asLong()
        + " batches, " + spool.path("events").asLong() + " events; dropped " + spool.path("dropped_events").asLong()
        + " events in " + spool.path("dropped_batches").asLong() + " batches; damaged files "
        + spool.path("damaged_files").asLong());
    JsonNode error = status.path("last_error");
    lines.add("last error  " + (error.isObject() ? error.path("at").asText() + " " + error.path("message").asText()
        : "none"));
    return lines;
  }

  private static JsonNode sourcesTable(JsonNode sources) {
    ObjectNode table = JSON.createObjectNode();
    ArrayNode columns = table.putArray("columns");
    String[][] names = {{"input", "string"}, {"source", "string"}, {"read", "long"}, {"acknowledged", "long"},
        {"lag_bytes", "long"}, {"open", "string"}};
    for (String[] column : names) {
      columns.addObject().put("name", column[0]).put("type", column[1]);
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode source : sources) {
      rows.addArray().add(source.path("input").asText()).add(source.path("id").asText())
          .add(source.path("read").asLong()).add(source.path("acknowledged").asLong())
          .add(source.path("lag_bytes").asLong()).add(source.path("open").asBoolean() ? "yes" : "no");
    }
    return table;
  }
}
