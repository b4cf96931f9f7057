package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.archive.StateArchive;
import dev.corral.server.config.ServerConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code corral restore}: fetches archived days of a running server ({@code --url}, admin {@code
 * --key}) into its fetch cache and pins them there until released (docs/operations.md, "Restore").
 * One of {@code --from/--to}, {@code --all}, {@code --release --from/--to}, {@code --release --all},
 * {@code --list}; or, offline and before a server starts on a fresh data directory, {@code --state
 * --data DIR} (docs/operations.md, "Disaster recovery"): reads {@code archive.*} from the same
 * configuration as {@code corral serve} ({@code --config}, the environment, {@code --set}),
 * downloads the archive's newest state snapshot, checks every file against its manifest and
 * installs them (keys, dashboards, retention policy), refusing to overwrite a state file that exists.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = {"Fetch archived days into the server's cache and pin them there until released (admin key).",
        "  corral restore --from 2026-09-01 --to 2026-09-07     fetch and pin a week",
        "  corral restore --all                                 every day the bucket holds (disaster recovery)",
        "  corral restore --release --from 2026-09-01 --to 2026-09-07   unpin (the cache may then evict them)",
        "  corral restore --list                                the pinned days",
        "  corral restore --state --data DIR                    offline, before the server starts: its state",
        "                                                       (keys, dashboards, retention) from the archive",
        "See docs/operations.md, Restore."})
public final class RestoreCommand implements Callable<Integer> {
  /** Fetching every archived day may take hours on a big bucket; the server answers when it is done. */
  static final Duration RESTORE_TIMEOUT = Duration.ofHours(24);
  private static final String ROUTE = "/api/v1/admin/archive/restore";

  @Mixin
  ClientOptions server;

  /** The configuration and data directory of {@code --state}, read as {@code corral serve} reads them. */
  @Mixin
  ServerOptions offline;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Days days;

  @Option(names = "--release", description = "Release the pins of the days instead of restoring them.")
  boolean release;

  /** Which days: a range, all, or none (list). */
  static final class Days {
    @ArgGroup(exclusive = false)
    Range range;

    @Option(names = "--all", description = "Every day the bucket holds.")
    boolean all;

    @Option(names = "--list", description = "List the pinned days.")
    boolean list;

    @Option(names = "--state", description = "Offline, into --data before the server starts: the newest state snapshot"
        + " of archive.url (keys, dashboards, retention policy).")
    boolean state;
  }

  /** {@code --from DAY --to DAY}, both included. */
  static final class Range {
    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day (UTC), included.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last day (UTC), included.")
    String to;
  }

  @Override
  public Integer call() throws Exception {
    if (days.state) {
      return restoreState();
    }
    try {
      ServerClient client = server.client();
      if (days.list) {
        printPinned(client.get(ROUTE), System.out);
        return 0;
      }
      if (release) {
        String query = days.all ? "?all=true"
            : "?from=" + ServerClient.encode(days.range.from) + "&to=" + ServerClient.encode(days.range.to);
        System.out.println("released: " + client.send("DELETE", ROUTE + query, null).path("released"));
        return 0;
      }
      String body = days.all ? "{\"all\":true}"
          : "{\"from\":\"" + days.range.from + "\",\"to\":\"" + days.range.to + "\"}";
      JsonNode answer = client.send("POST", ROUTE, body, RESTORE_TIMEOUT);
      return printRestored(answer, System.out, System.err);
    } catch (ServerClient.Failure e) {
      System.err.println("corral: " + e.getMessage());
      return e.exitCode();
    }
  }

  private Integer restoreState() {
    return KeysCommand.report(() -> {
      ServerConfig config = offline.resolve();
      if (!config.archive().enabled()) {
        throw new IllegalArgumentException("archive.url is not set: give the configuration of the lost server"
            + " (--config corral.yaml or --set archive.url=s3://bucket/prefix)");
      }
      Files.createDirectories(config.dataDir());
      StateArchive.Restored restored = StateArchive.restore(config.archive(), config.dataDir());
      for (String file : restored.files()) {
        System.out.println(config.dataDir().resolve(file));
      }
      System.err.println("restored state snapshot " + restored.id() + " (" + restored.createdAt() + "): "
          + restored.files().size() + " files; start the server, then restore the days (docs/operations.md)");
      return 0;
    });
  }

  static int printRestored(JsonNode answer, PrintStream out, PrintStream err) {
    out.println("pinned " + answer.path("days").size() + " archived days " + answer.path("days") + ": "
        + answer.path("fetched").asInt() + " fetched, " + answer.path("from_cache").asInt() + " already cached, took "
        + answer.path("took_ms").asLong() + " ms");
    if (!answer.path("local").isEmpty()) {
      out.println("on the local disk already (not pinned): " + answer.path("local"));
    }
    answer.path("failed").fields().forEachRemaining(failure ->
        err.println("corral: " + failure.getKey() + " not restored: " + failure.getValue().asText()));
    return answer.path("failed").isEmpty() ? 0 : 1;
  }

  static void printPinned(JsonNode answer, PrintStream out) {
    out.printf("%-10s  %s%n", "DAY", "CACHED");
    for (JsonNode day : answer.path("pinned")) {
      out.printf("%-10s  %s%n", day.path("day").asText(), day.path("cached").asBoolean() ? "yes" : "fetching");
    }
  }
}
