package dev.corral.dist;

import org.slf4j.bridge.SLF4JBridgeHandler;
import dev.corral.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code corral} command: entry point of corral.jar. */
@Command(name = "corral", mixinStandardHelpOptions = true, versionProvider = CorralVersion.class,
    description = "Corral: one server for the logs of all your services.",
    subcommands = {ServeCommand.class, DemoCommand.class, SearchCommand.class, TailCommand.class, TraceCommand.class,
        KeysCommand.class, UsersCommand.class, CertsCommand.class, LogLevelCommand.class,
        RetentionCommand.class, ArchiveCommand.class, DeleteCommand.class, RestoreCommand.class,
        ShipCommand.class, BenchCommand.class})
public final class CorralCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Libraries that log through java.util.logging (Lucene) go to the same structured log.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.exit(new CommandLine(new CorralCommand()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
