package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code corral loglevel list|set|reset}: the log levels of a running server's components through its
 * admin API ({@code --url}, admin {@code --key}); docs/operations.md, "Log levels". Changes last until
 * reset or the server restarts.
 */
@Command(name = "loglevel", mixinStandardHelpOptions = true,
    description = "Show or change the log level of a running server's components (not kept across restarts).",
    subcommands = {LogLevelCommand.ListLevels.class, LogLevelCommand.Set.class, LogLevelCommand.Reset.class})
public final class LogLevelCommand implements Runnable {
  private static final String PATH = "/api/v1/admin/loglevels";
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** One line per component: name, level now, configured level, a mark when changed, loggers. */
  static void print(JsonNode component, PrintStream out) {
    out.printf("%-12s  %-5s  %-10s  %-7s  %s%n", component.path("name").asText(), component.path("level").asText(),
        component.path("configured").asText(), component.path("changed").asBoolean() ? "changed" : "",
        String.join(",", component.path("loggers").valueStream().map(JsonNode::asText).toList()));
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every component with its level now and as configured.")
  static final class ListLevels implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
      return KeysCommand.report(() -> {
        System.out.printf("%-12s  %-5s  %-10s  %-7s  %s%n", "COMPONENT", "LEVEL", "CONFIGURED", "", "LOGGERS");
        for (JsonNode component : client.client().get(PATH).path("components")) {
          print(component, System.out);
        }
        return 0;
      });
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Set a component's level, e.g. 'corral loglevel set store DEBUG'.")
  static final class Set implements Callable<Integer> {
    @Parameters(index = "0", description = "A component (store, wal, ingest, inputs, search, http, auth, alerts, "
        + "pipelines, archive, retention, tail, root, …; 'corral loglevel list' shows all) or a full logger name.")
    String component;

    @Parameters(index = "1", description = "TRACE, DEBUG, INFO, WARN, ERROR or OFF.")
    String level;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
      return KeysCommand.report(() -> {
        print(client.client().send("PUT", PATH + "/" + ServerClient.encode(component),
            "{\"level\":" + JSON.writeValueAsString(level) + "}"),
            System.out);
        return 0;
      });
    }
  }

  @Command(name = "reset", mixinStandardHelpOptions = true, description = "Give a component back its configured level.")
  static final class Reset implements Callable<Integer> {
    @Parameters(index = "0", description = "The component or logger name given to 'set'.")
    String component;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
      return KeysCommand.report(() -> {
        print(client.client().send("DELETE", PATH + "/" + ServerClient.encode(component), null), System.out);
        return 0;
      });
    }
  }
}
