package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.auth.KeyLimits;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code corral keys create|list|revoke}: the API keys of a running server ({@code --url}, admin
 * {@code --key}) or of a stopped one's data directory ({@code --data DIR}). {@code create} prints
 * only the key on stdout (what it is, to stderr), so {@code KEY=$(corral keys create ...)} works.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke API keys (docs/security.md).",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Runs an action, printing a failure as one line and returning the exit code. */
  private static int report(Callable<Integer> action) {
    try {
      return action.call();
    } catch (ServerClient.Failure e) {
      System.err.println("corral: " + e.getMessage());
      return e.exitCode();
    } catch (IllegalArgumentException | java.io.IOException e) {
      System.err.println("corral: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      System.err.println("corral: " + e);
      return 1;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key and print it (shown once).")
  static final class Create implements Callable<Integer> {
    @Option(names = "--scope", required = true, description = "ingest, read or admin.")
    String scope;

    @Option(names = "--name", required = true, description = "What the key is for, e.g. filebeat-prod.")
    String name;

    @Option(names = "--services", split = ",", description = "Restrict reads to these services (globs), e.g. 'payment-*,checkout'; read keys only.")
    List<String> services = new ArrayList<>();

    @Option(names = "--filter", description = "Restrict reads to this filter instead, e.g. 'env:prod'; read keys only.")
    String filter;

    @Option(names = "--expires", description = "Lifetime (90d, 12h, 2w) or date (2027-01-31); default never.")
    String expires;

    @Option(names = "--max-events-per-second", paramLabel = "N", description = "Events per second this key may "
        + "send (ingest and admin keys); over it a request gets 429 and Retry-After. Default: the server's "
        + "auth.key_events_per_second (0, no limit).")
    long maxEventsPerSecond;

    @Option(names = "--max-queries-per-minute", paramLabel = "N", description = "Requests per minute this key may make "
        + "to read routes (read and admin keys); over it 429 and Retry-After. Default: the server's "
        + "auth.key_queries_per_minute (0, no limit).")
    long maxQueriesPerMinute;

    @Mixin
    KeyTarget target;

    @Override
    public Integer call() {
      return report(() -> {
        JsonNode key = target.create(name, scope, services, filter, expires,
            new KeyLimits(maxEventsPerSecond, maxQueriesPerMinute));
        System.out.println(key.path("key").asText());
        System.err.println("created API key " + key.path("id").asText() + " (" + key.path("scope").asText() + ", "
            + key.path("name").asText() + (key.path("expires").isNull() ? "" : ", expires " + key.path("expires").asText())
            + "); it is shown only this once");
        return 0;
      });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the keys (never their secrets).")
  static final class ListKeys implements Callable<Integer> {
    @Mixin
    KeyTarget target;

    @Override
    public Integer call() {
      return report(() -> {
        print(target.list(), System.out);
        return 0;
      });
    }

    static void print(JsonNode answer, PrintStream out) {
      String row = "%-12s  %-7s  %-8s  %-24s  %-20s  %-20s  %-9s  %-9s  %s%n";
      out.printf(row, "ID", "SCOPE", "STATE", "NAME", "EXPIRES", "LAST USED", "EVENTS/S", "QUERIES/M", "READS");
      for (JsonNode key : answer.path("keys")) {
        out.printf(row, key.path("id").asText(), key.path("scope").asText(), key.path("state").asText(),
            key.path("name").asText(), time(key.path("expires")), time(key.path("last_used")),
            limit(key.path("events_per_second")), limit(key.path("queries_per_minute")),
            key.path("read_filter").isNull() ? "all" : key.path("read_filter").asText());
      }
    }

    /** A key's own limit, or {@code default} (the server's) when it has none. */
    private static String limit(JsonNode value) {
      return value.isNumber() ? value.asText() : "default";
    }

    private static String time(JsonNode value) {
      return value.isNull() ? "-" : value.asText().replaceFirst("\\.\\d+Z$", "Z");
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key: it is refused from now on.")
  static final class Revoke implements Callable<Integer> {
    @Parameters(index = "0", description = "The key's id (the part before the colon).")
    String id;

    @Mixin
    KeyTarget target;

    @Override
    public Integer call() {
      return report(() -> {
        Optional<JsonNode> revoked = target.revoke(id);
        if (revoked.isEmpty()) {
          System.err.println("corral: no API key has the id '" + id + "'");
          return 1;
        }
        System.out.println("revoked " + revoked.get().path("id").asText());
        return 0;
      });
    }
  }
}
