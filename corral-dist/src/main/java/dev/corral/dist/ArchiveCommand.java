package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code corral archive list|run}: the archived days of a running server ({@code --url}, {@code
 * --key}); {@code list} needs a read key, {@code run} an admin key (docs/operations.md, "Archive").
 */
@Command(name = "archive", mixinStandardHelpOptions = true,
    description = "List the days archived to the object store, or run an archive pass now (docs/operations.md).",
    subcommands = {ArchiveCommand.ListDays.class, ArchiveCommand.Run.class})
public final class ArchiveCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Sends one request and hands the answer to {@code print}; a failure is one line on stderr. */
  private static int request(ClientOptions server, String method, String path, java.util.function.Consumer<JsonNode> print)
      throws Exception {
    try {
      print.accept(server.client().send(method, path, null));
      return 0;
    } catch (ServerClient.Failure e) {
      System.err.println("corral: " + e.getMessage());
      return e.exitCode();
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the archived days: tier (warm while also on the local disk, archive once only in the bucket), events, bytes.")
  static final class ListDays implements Callable<Integer> {
    @Mixin
    ClientOptions server;

    @Override
    public Integer call() throws Exception {
      return request(server, "GET", "/api/v1/archive/days", answer -> print(answer, System.out));
    }

    static void print(JsonNode answer, PrintStream out) {
      if (!answer.path("enabled").asBoolean()) {
        out.println("the archive is off (archive.url is not set)");
        return;
      }
      out.printf("%-10s  %-7s  %12s  %14s  %10s  %s%n", "DAY", "TIER", "EVENTS", "BYTES", "GENERATION", "ARCHIVED AT");
      for (JsonNode day : answer.path("days")) {
        out.printf("%-10s  %-7s  %12s  %14s  %10s  %s%n", day.path("day").asText(), day.path("tier").asText(),
            day.path("events").asText("-"), day.path("bytes").asText("-"), day.path("generation").asText("-"),
            day.path("archived_at").asText("-"));
      }
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Run an archive pass now and print what it did (admin key).")
  static final class Run implements Callable<Integer> {
    @Mixin
    ClientOptions server;

    @Override
    public Integer call() throws Exception {
      int[] exit = {0};
      int sent = request(server, "POST", "/api/v1/admin/archive/run", answer -> {
        System.out.println("archived: " + answer.path("archived") + ", removed locally: " + answer.path("removed_locally")
            + ", deleted from the bucket: " + answer.path("deleted_from_bucket") + ", aborted uploads: "
            + answer.path("aborted_uploads").asInt() + ", took " + answer.path("took_ms").asLong() + " ms");
        answer.path("failures").fields().forEachRemaining(failure ->
            System.err.println("corral: " + failure.getKey() + " not archived: " + failure.getValue().asText()));
        if (!answer.path("error").isNull()) {
          System.err.println("corral: archive pass stopped: " + answer.path("error").asText());
        }
        exit[0] = answer.path("error").isNull() && answer.path("failures").isEmpty() ? 0 : 1;
      });
      return sent != 0 ? sent : exit[0];
    }
  }
}
