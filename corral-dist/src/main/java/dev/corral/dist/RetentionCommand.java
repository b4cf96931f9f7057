package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code corral retention show|set|run|reset}: the retention policy of a running server through its
 * admin API ({@code --url}, admin {@code --key}); docs/operations.md, "Retention".
 */
@Command(name = "retention", mixinStandardHelpOptions = true,
    description = "Show or change what the server keeps, or run a retention pass now (docs/operations.md).",
    subcommands = {RetentionCommand.Show.class, RetentionCommand.Set.class, RetentionCommand.Run.class,
        RetentionCommand.Reset.class})
public final class RetentionCommand implements Runnable {
  private static final String PATH = "/api/v1/admin/retention";
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The policy, each value with where it comes from. */
  static void print(JsonNode policy, PrintStream out) {
    JsonNode sources = policy.path("sources");
    out.printf("max_age    %-12s (%s)%n", policy.path("max_age").asText(), sources.path("max_age").asText());
    long maxBytes = policy.path("max_bytes").asLong();
    out.printf("max_bytes  %-12s (%s)%n", maxBytes == 0 ? "0" : maxBytes + " B", sources.path("max_bytes").asText());
    out.printf("rules      %-12s (%s)%n", policy.path("rules").isEmpty() ? "none" : "", sources.path("rules").asText());
    for (JsonNode rule : policy.path("rules")) {
      out.printf("  %-8s %s%n", rule.path("max_age").asText(), rule.path("match").asText());
    }
    out.printf("interval   %s%n", policy.path("interval").asText());
    if (policy.path("keeps_everything").asBoolean()) {
      out.println("no retention is set: every event is kept forever and the disk fills");
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the policy in force and where each value comes from.")
  static final class Show implements java.util.concurrent.Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
      return KeysCommand.report(() -> {
        print(client.client().get(PATH), System.out);
        return 0;
      });
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Change the policy; what is not given stays. Persisted by the server, overriding corral.yaml.")
  static final class Set implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--max-age", description = "Drop day partitions this long after their day ends, e.g. 30d; 0 keeps forever.")
    String maxAge;

    @Option(names = "--max-bytes", description = "Drop the oldest days while the partitions take more, e.g. 200GiB; 0 for no limit.")
    String maxBytes;

    @Option(names = "--rule", description = "A stream rule MAX_AGE=FILTER, e.g. '3d=level:DEBUG' (repeatable; replaces the rules).")
    List<String> rules = new ArrayList<>();

    @Option(names = "--no-rules", description = "Remove every stream rule.")
    boolean noRules;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
      return KeysCommand.report(() -> {
        print(client.client().send("PUT", PATH, body()), System.out);
        return 0;
      });
    }

    private String body() throws Exception {
      ObjectNode body = JSON.createObjectNode();
      if (maxAge != null) {
        body.put("max_age", maxAge);
      }
      if (maxBytes != null) {
        body.put("max_bytes", maxBytes);
      }
      if (noRules || !rules.isEmpty()) {
        ArrayNode array = body.putArray("rules");
        for (String rule : rules) {
          int equals = rule.indexOf('=');
          if (equals <= 0 || equals == rule.length() - 1) {
            throw new IllegalArgumentException("--rule '" + rule + "' is not MAX_AGE=FILTER, e.g. 3d=level:DEBUG");
          }
          array.addObject().put("match", rule.substring(equals + 1)).put("max_age", rule.substring(0, equals));
        }
      }
      if (body.isEmpty()) {
        throw new IllegalArgumentException("nothing to set: give --max-age, --max-bytes, --rule or --no-rules");
      }
      return JSON.writeValueAsString(body);
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a retention pass now and print what it deleted.")
  static final class Run implements java.util.concurrent.Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
      return KeysCommand.report(() -> {
        JsonNode deletions = client.client().send("POST", PATH + "/run", null).path("deletions");
        for (JsonNode deletion : deletions) {
          System.out.println(deletion.path("summary").asText());
        }
        System.err.println(deletions.size() + (deletions.size() == 1 ? " deletion" : " deletions"));
        return 0;
      });
    }
  }

  @Command(name = "reset", mixinStandardHelpOptions = true,
      description = "Drop the policy set through the API: corral.yaml's applies again.")
  static final class Reset implements java.util.concurrent.Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
      return KeysCommand.report(() -> {
        print(client.client().send("DELETE", PATH, null), System.out);
        return 0;
      });
    }
  }
}
