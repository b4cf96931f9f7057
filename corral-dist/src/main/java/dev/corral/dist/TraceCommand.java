package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code corral trace ID}: every event of one trace or request across services, as a timeline. */
@Command(name = "trace", mixinStandardHelpOptions = true,
    description = "Show every event of one trace_id or request_id across services, as a timeline.")
public final class TraceCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The trace_id or request_id.")
  String id;

  @Option(names = "--since", description = "Only events newer than this, e.g. 1h (default: all time).")
  String since;


  @Mixin
  ClientOptions server;

  @Override
  public Integer call() throws Exception {
    String path = "/api/v1/trace/" + ServerClient.encode(id)
        + (since == null ? "" : "?from=" + ServerClient.encode("now-" + since.trim()));
    JsonNode trace;
    try {
      trace = server.client().get(path);
    } catch (ServerClient.Failure e) {
      System.err.println("corral: " + e.getMessage());
      return e.exitCode();
    }
    new TraceTimeline(server.useColor()).format(trace).forEach(System.out::println);
    return trace.path("events").isEmpty() ? 1 : 0;
  }
}
