package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code corral search QUERY}: runs a query on a server and prints the events (oldest at the
 * bottom) or, for queries with pipes such as {@code | stats count() by service}, an aligned table.
 * With {@code --all} it prints every matching event, however many, through the server's streaming
 * export ({@code GET /api/v1/export}, oldest first, as they arrive); a time range is needed then.
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

  @Option(names = "--all", description = "Print every matching event, beyond the server's search.max_limit, "
      + "streamed oldest first (GET /api/v1/export); needs --since or --from; a filter without pipes; ignores -n.")
  boolean all;


  @Mixin
  ClientOptions server;

  @Override
  public Integer call() throws Exception {
    if (all) {
      return printAll();
    }
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

  /** Streams the export and prints each event as it arrives, in the formats of a search. */
  private int printAll() throws Exception {
    if (since == null && from == null) {
      System.err.println("corral: --all needs a time range: --since 24h, or --from (and --to, default now)");
      return 2;
    }
    long started = System.nanoTime();
    HttpResponse<InputStream> response;
    try {
      response = server.client().stream(exportPath(), Map.of());
    } catch (ServerClient.Failure e) {
      System.err.println("corral: " + e.getMessage());
      return e.exitCode();
    } catch (ConnectException e) {
      System.err.println("corral: " + server.client().unreachable().getMessage());
      return 3;
    }
    EventLine formatter = new EventLine(server.useColor());
    PrintStream out = System.out;
    long events = 0;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          continue;
        }
        out.println(json ? line : formatter.format(JSON.readTree(line)));
        if (out.checkError()) {
          return 0; // stdout closed (| head): closing the stream stops the export on the server
        }
        events++;
      }
    } catch (IOException e) {
      System.err.printf("corral: the export broke off after %d events: %s%n", events, e.getMessage());
      return 1;
    }
    System.err.printf("%d matching events (%d ms)%n", events, (System.nanoTime() - started) / 1_000_000);
    return 0;
  }

  String exportPath() {
    return "/api/v1/export?format=ndjson&q=" + ServerClient.encode(query) + range(to == null ? "now" : to);
  }

  /** {@code &from=…&to=…} of the options; {@code to} as given (or null for none). */
  private String range(String upper) {
    StringBuilder path = new StringBuilder();
    String lower = since != null ? "now-" + since.trim() : from;
    if (lower != null) {
      path.append("&from=").append(ServerClient.encode(lower));
    }
    if (upper != null) {
      path.append("&to=").append(ServerClient.encode(upper));
    }
    return path.toString();
  }

  String searchPath() {
    return "/api/v1/search?q=" + ServerClient.encode(query) + "&limit=" + limit + range(to);
  }
}
