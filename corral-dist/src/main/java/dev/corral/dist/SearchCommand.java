package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code corral search QUERY}: runs a query on a server and prints the events (oldest at the
 * bottom) or, for queries with pipes such as {@code | stats count() by service}, an aligned table.
 */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search the logs of a running server.")
public final class SearchCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(index = "0", defaultValue = "", description = "Query, e.g. 'level:ERROR AND service:payment-gateway' or 'level:ERROR | stats count() by service'.")
  String query;

  @Option(names = "--since", description = "Only events newer than this, e.g. 15m, 2h, 7d.")
  String since;

  @Option(names = "--from", description = "Lower time bound: ISO-8601, epoch ms or now-15m.")
  String from;

  @Option(names = "--to", description = "Upper time bound: ISO-8601, epoch ms or now.")
  String to;

  @Option(names = {"-n", "--limit"}, defaultValue = "100", description = "Most events to print (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print each event (or table row) as one JSON line (NDJSON).")
  boolean json;


  @Mixin
  ClientOptions server;

  @Override
  public Integer call() throws Exception {
    JsonNode body;
    try {
      body = server.client().get(searchPath());
    } catch (ServerClient.Failure e) {
      System.err.println("corral: " + e.getMessage());
      return e.exitCode();
    }
    PrintStream out = System.out;
    if (body.path("kind").asText().equals("table")) {
      printTable(body, out);
    } else {
      printEvents(body, out);
    }
    return 0;
  }

  private void printEvents(JsonNode body, PrintStream out) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    body.path("events").forEach(events::add);
    if (json) {
      for (JsonNode event : events) {
        out.println(JSON.writeValueAsString(event));
      }
      return;
    }
    EventLine formatter = new EventLine(server.useColor());
    for (int i = events.size() - 1; i >= 0; i--) {
      out.println(formatter.format(events.get(i)));
    }
    System.err.printf("%d of %d matching events (%d ms)%n", events.size(), body.path("total").asLong(),
        body.path("took_ms").asLong());
  }

  private void printTable(JsonNode body, PrintStream out) throws Exception {
    if (json) {
      JsonNode columns = body.path("columns");
      for (JsonNode row : body.path("rows")) {
        com.fasterxml.jackson.databind.node.ObjectNode object = JSON.createObjectNode();
        for (int c = 0; c < columns.size(); c++) {
          object.set(columns.get(c).path("name").asText(), row.get(c));
        }
        out.println(JSON.writeValueAsString(object));
      }
      return;
    }
    TablePrinter.format(body).forEach(out::println);
    System.err.printf("%d rows%s from %d matching events (%d ms)%n", body.path("rows").size(),
        body.path("truncated").asBoolean() ? " (truncated by a limit)" : "", body.path("total").asLong(),
        body.path("took_ms").asLong());
  }

  String searchPath() {
    StringBuilder path = new StringBuilder("/api/v1/search?q=").append(ServerClient.encode(query))
        .append("&limit=").append(limit);
    String lower = since != null ? "now-" + since.trim() : from;
    if (lower != null) {
      path.append("&from=").append(ServerClient.encode(lower));
    }
    if (to != null) {
      path.append("&to=").append(ServerClient.encode(to));
    }
    return path.toString();
  }
}
