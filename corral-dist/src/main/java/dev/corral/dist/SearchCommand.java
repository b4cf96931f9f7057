package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code corral search QUERY}: runs a search on a server and prints the events, oldest at the bottom. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search the logs of a running server.")
public final class SearchCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(index = "0", defaultValue = "", description = "Query, e.g. 'level:ERROR AND service:payment-gateway'.")
  String query;

  @Option(names = "--since", description = "Only events newer than this, e.g. 15m, 2h, 7d.")
  String since;

  @Option(names = "--from", description = "Lower time bound: ISO-8601, epoch ms or now-15m.")
  String from;

  @Option(names = "--to", description = "Upper time bound: ISO-8601, epoch ms or now.")
  String to;

  @Option(names = {"-n", "--limit"}, defaultValue = "100", description = "Most events to print (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print each event as one JSON line (NDJSON).")
  boolean json;

  @Option(names = "--color", defaultValue = "auto", description = "auto, always or never (default ${DEFAULT-VALUE}; NO_COLOR is honoured).")
  String color;

  @Option(names = "--url", defaultValue = "${env:CORRAL_URL:-http://localhost:8080}",
      description = "Server URL (default ${DEFAULT-VALUE}; env CORRAL_URL).")
  URI url;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    HttpResponse<String> response;
    try {
      response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
          .send(HttpRequest.newBuilder(searchUri()).timeout(Duration.ofSeconds(60)).GET().build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException e) {
      System.err.println("corral: cannot reach " + url + " (connection refused); is the server running? "
          + "Start one with ./corral serve or ./corral demo, or pass --url.");
      return 3;
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() != 200) {
      System.err.println("corral: search failed (" + response.statusCode() + "): "
          + (body == null ? response.body() : body.path("error").asText(response.body())));
      if (body != null && body.has("caret")) {
        System.err.println(body.get("caret").asText().indent(2).stripTrailing());
      }
      return 1;
    }
    print(body, out);
    return 0;
  }

  private void print(JsonNode body, PrintStream out) throws IOException {
    List<JsonNode> events = new ArrayList<>();
    body.path("events").forEach(events::add);
    if (json) {
      for (JsonNode event : events) {
        out.println(JSON.writeValueAsString(event));
      }
      return;
    }
    EventLine formatter = new EventLine(useColor());
    for (int i = events.size() - 1; i >= 0; i--) {
      out.println(formatter.format(events.get(i)));
    }
    System.err.printf("%d of %d matching events (%d ms)%n", events.size(), body.path("total").asLong(),
        body.path("took_ms").asLong());
  }

  URI searchUri() {
    StringBuilder uri = new StringBuilder(url.toString().replaceAll("/+$", "")).append("/api/v1/search?q=")
        .append(encode(query)).append("&limit=").append(limit);
    String lower = since != null ? "now-" + since.trim() : from;
    if (lower != null) {
      uri.append("&from=").append(encode(lower));
    }
    if (to != null) {
      uri.append("&to=").append(encode(to));
    }
    return URI.create(uri.toString());
  }

  private boolean useColor() {
    return switch (color) {
      case "always" -> true;
      case "never" -> false;
      default -> System.console() != null && System.getenv("NO_COLOR") == null;
    };
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
